package io.supportflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.supportflow.customer.CustomerAccounts;
import io.supportflow.customer.CustomerDirectory;
import io.supportflow.customer.CustomerPrincipal;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketService;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every mail about a ticket is in the ticket's language: the customer's (their portal profile) when known,
 * else the one guessed from what they wrote. Real SMTP and IMAP servers (GreenMail on loopback).
 */
@IntegrationTest
class MailLanguageIntegrationTest {

    static final String SUPPORT = "support@example.com";
    static final String PASSWORD = "portal password 1";

    @Autowired MailSettings settings;
    @Autowired MailProperties smtpSettings;
    @Autowired MailboxPoller poller;
    @Autowired TicketService tickets;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired CustomerAccounts accounts;
    @Autowired CustomerDirectory customers;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    GreenMail greenMail;
    final String domain = "lang" + UUID.randomUUID().toString().substring(0, 8) + ".example";

    @BeforeEach
    void startMailServers() {
        MailSettings.Mailbox mailbox = settings.mailboxes().get(0);
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpSettings.getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(mailbox.port(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        greenMail.setUser(SUPPORT, mailbox.username(), mailbox.password());
    }

    @AfterEach
    void stopMailServers() {
        greenMail.stop();
    }

    @Test
    void aCustomerWhoseProfileIsFrenchGetsEveryMailInFrenchWhateverTheyWrite() throws Exception {
        String address = "claire@" + domain;
        CustomerPrincipal claire = accounts.create("Claire Dubois", address, PASSWORD);
        accounts.markEmailVerified(claire.accountId());
        Api.Response token = Api.anonymous(port).post("/api/portal/v1/auth/tokens", Map.of("email", address, "password", PASSWORD));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        Api portal = Api.bearer(port, token.json().path("token").asText());
        assertThat(portal.patch("/api/portal/v1/profile", Map.of("preferredLanguage", "fr")).json().path("preferredLanguage").asText())
                .isEqualTo("fr");

        MimeMessage sent = send(address, "Claire Dubois", "Printer broken", "The printer is broken again, can you please help?");
        Ticket ticket = ticketOf(sent);
        assertThat(ticket.getLanguage()).as("the profile's language, not the text's").isEqualTo("fr");

        sendQueuedMails(ticket);
        assertThat(subjects(address)).containsExactly("[" + ticket.getNumber() + "] Nous avons bien reçu votre demande : Printer broken");
        assertThat(MailChannelIntegrationTest.body(only(address))).contains("Bonjour Claire Dubois,", "Suivez votre demande en ligne");

        Api agent = Api.as(port, "demo");
        String path = "/api/v1/tickets/" + ticket.getNumber();
        assertThat(agent.post(path + "/messages", Map.of("body", "Please restart it.", "status", "WAITING_ON_CUSTOMER")).status())
                .isEqualTo(201);
        assertThat(agent.patch(path, Map.of("status", "RESOLVED")).status()).isEqualTo(200);
        sendQueuedMails(ticket);
        assertThat(subjects(address)).contains("Re: [" + ticket.getNumber() + "] Printer broken",
                "[" + ticket.getNumber() + "] Votre demande est résolue : Printer broken");
        assertThat(jdbc.sql("SELECT body_text FROM mail_outgoing WHERE ticket_id = ? AND kind = 'REPLY'").param(ticket.getId())
                .query(String.class).single()).contains("Please restart it.", "répondez à ce message pour nous écrire");

        // an agent who sees the customer wrote in English switches the ticket: the next mails are English
        assertThat(agent.patch(path, Map.of("language", "en")).status()).isEqualTo(200);
        assertThat(agent.post(path + "/messages", Map.of("body", "Back to English.", "authorType", "CUSTOMER")).status()).isEqualTo(201);
        assertThat(agent.patch(path, Map.of("status", "RESOLVED")).status()).isEqualTo(200);
        sendQueuedMails(ticket);
        assertThat(subjects(address)).contains("[" + ticket.getNumber() + "] Your request is resolved: Printer broken");
    }

    @Test
    void anUnknownRequesterWritingFrenchGetsAFrenchAcknowledgementAndTheirProfileStaysUnset() throws Exception {
        String address = "inconnu@" + domain;
        MimeMessage sent = send(address, "Jean Inconnu", "Facture en double",
                "Bonjour, j'ai reçu deux fois la même facture pour le mois de mars. Pouvez-vous vérifier ?");
        Ticket ticket = ticketOf(sent);
        assertThat(ticket.getLanguage()).isEqualTo("fr");
        assertThat(customers.findByEmail("default", address).orElseThrow().language())
                .as("a guessed language is the ticket's, never silently the customer's").isNull();

        sendQueuedMails(ticket);
        assertThat(subjects(address)).containsExactly("[" + ticket.getNumber() + "] Nous avons bien reçu votre demande : Facture en double");

        String english = "someone@" + domain;
        Ticket englishTicket = ticketOf(send(english, "Sam Someone", "Invoice twice", "Hello, I was charged twice for March. Can you check?"));
        assertThat(englishTicket.getLanguage()).isEqualTo("en");
        sendQueuedMails(englishTicket);
        assertThat(subjects(english)).containsExactly("[" + englishTicket.getNumber() + "] We received your request: Invoice twice");
    }

    MimeMessage send(String from, String name, String subject, String text) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", String.valueOf(smtpSettings.getPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress(from, name));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        message.saveChanges();
        Transport.send(message, new Address[] {new InternetAddress(SUPPORT)});
        assertThat(poller.poll(settings.mailboxes().get(0))).containsEntry(InboundMailImporter.Result.TICKET_CREATED, 1);
        return message;
    }

    Ticket ticketOf(MimeMessage sent) throws Exception {
        String messageId = sent.getMessageID();
        Long id = jdbc.sql("SELECT ticket_id FROM mail_inbound WHERE message_id = ?")
                .param(messageId.substring(1, messageId.length() - 1)).query(Long.class).single();
        return tickets.findById(id).orElseThrow();
    }

    /** Runs the send jobs of the ticket's queued mails, as the job executor would. */
    void sendQueuedMails(Ticket ticket) {
        // a resolution's mail is the CSAT survey's (with the rating links): its process queues it
        runtime.createProcessInstanceQuery().processDefinitionKey("CsatSurvey").processInstanceBusinessKey(ticket.getNumber()).list()
                .forEach(instance -> management.createJobQuery().processInstanceId(instance.getId()).executable().list()
                        .forEach(job -> management.executeJob(job.getId())));
        runtime.createProcessInstanceQuery().processDefinitionKey(OutgoingMailProcess.PROCESS_KEY)
                .processInstanceBusinessKeyLike(ticket.getNumber() + "/mail/%").list()
                .forEach(instance -> management.createJobQuery().processInstanceId(instance.getId()).list()
                        .forEach(job -> management.executeJob(job.getId())));
    }

    List<MimeMessage> received(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> ((InternetAddress) r).getAddress().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    List<String> subjects(String address) throws Exception {
        List<String> subjects = new java.util.ArrayList<>();
        for (MimeMessage m : received(address)) {
            subjects.add(m.getSubject());
        }
        return subjects;
    }

    MimeMessage only(String address) {
        assertThat(received(address)).hasSize(1);
        return received(address).get(0);
    }
}
