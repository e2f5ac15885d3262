package io.supportflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import io.supportflow.ticket.Channel;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketLifecycle;
import io.supportflow.ticket.TicketService;
import io.supportflow.ticket.TicketStatus;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The email channel end to end, against real SMTP and IMAP servers (GreenMail on loopback): customers
 * write with Jakarta Mail, the application polls the support mailbox over IMAP and answers over SMTP.
 */
@IntegrationTest
class MailChannelIntegrationTest {

    static final String SUPPORT = "support@example.com";

    @Autowired MailSettings settings;
    @Autowired MailProperties smtpSettings;
    @Autowired MailboxPoller poller;
    @Autowired ReplyTokens tokens;
    @Autowired TicketService tickets;
    @Autowired RuntimeService runtime;
    @Autowired TaskService taskService;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    GreenMail greenMail;

    @BeforeEach
    void startMailServers() {
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpSettings.getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(mailbox().port(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        greenMail.setUser(SUPPORT, mailbox().username(), mailbox().password());
    }

    @AfterEach
    void stopMailServers() {
        greenMail.stop();
    }

    @Test
    void aMailToTheSupportMailboxBecomesATicketAndIsAcknowledgedInItsThread() throws Exception {
        Customer jane = new Customer("Jane Roe");
        MimeMessage sent = jane.send(SUPPORT, "Printer on fire", "Smoke is coming out of the printer.", null);

        assertThat(poll()).containsEntry(InboundMailImporter.Result.TICKET_CREATED, 1);

        Ticket ticket = ticketOf(sent);
        assertThat(ticket.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(ticket.getSubject()).isEqualTo("Printer on fire");
        assertThat(ticket.getRequesterEmail()).isEqualTo(jane.address);
        assertThat(ticket.getRequesterName()).isEqualTo("Jane Roe");
        assertThat(messages(ticket).get(0).get("bodyText").asText()).isEqualTo("Smoke is coming out of the printer.");
        assertThat(respondTasks(ticket)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT raw FROM mail_inbound WHERE ticket_id = ?").param(ticket.getId()).query(byte[].class).single())
                .asString().contains("Smoke is coming out of the printer.");

        sendQueuedMails(ticket);
        MimeMessage ack = jane.onlyMessage();
        assertThat(ack.getSubject()).isEqualTo("[" + ticket.getNumber() + "] We received your request: Printer on fire");
        assertThat(ack.getHeader("In-Reply-To", null)).isEqualTo(sent.getMessageID());
        assertThat(ack.getHeader("References", null)).isEqualTo(sent.getMessageID());
        assertThat(ack.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(ack.getHeader(InboundMailParser.ORIGIN_HEADER, null)).isEqualTo(settings.originId());
        assertThat(ack.getMessageID()).endsWith("@" + settings.messageIdDomain() + ">");
        String replyTo = ((InternetAddress) ack.getReplyTo()[0]).getAddress();
        assertThat(replyTo).startsWith("support+").endsWith("@example.com");
        assertThat(tokens.ticketNumberOf(replyTo)).contains(ticket.getNumber());
        assertThat(((InternetAddress) ack.getFrom()[0]).getPersonal()).isEqualTo("Example Support");
        assertThat(jdbc.sql("SELECT body_text FROM mail_outgoing WHERE ticket_id = ? AND kind = 'ACKNOWLEDGEMENT'")
                .param(ticket.getId()).query(String.class).single())
                .containsPattern("Follow your request online: http://localhost:\\d+/portal/ticket\\.html\\?number=" + ticket.getNumber());

        // polled again: the message is seen, nothing new; delivered again: deduplicated by Message-ID
        assertThat(poll()).isEmpty();
        jane.resend(sent);
        assertThat(poll()).containsEntry(InboundMailImporter.Result.DUPLICATE, 1);
        assertThat(jdbc.sql("SELECT count(*) FROM ticket WHERE requester_email = ?").param(jane.address).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void theAgentsReplyReachesTheCustomerThreadedAndTheCustomersReplyBringsBackTheTask() throws Exception {
        Customer sam = new Customer("Sam Vimes");
        MimeMessage first = sam.send(SUPPORT, "Cannot log in", "My password is refused.", null);
        poll();
        Ticket ticket = ticketOf(first);
        sendQueuedMails(ticket);
        MimeMessage ack = sam.onlyMessage();

        // the team's agent answers in Tasklist (engine REST, as the logged-in agent) and leaves a note
        String agent = "dave";
        String taskId = taskService.createTaskQuery().processInstanceId(ticket.getProcessInstanceId()).singleResult().getId();
        Api.Response completed = Api.as(port, agent).post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of(
                "reply", Map.of("value", "Please reset it <here>."),
                "internalNote", Map.of("value", "SECRET: customer is on the old SSO"),
                "nextStatus", Map.of("value", "WAITING_ON_CUSTOMER"))));
        assertThat(completed.status()).as(completed.body()).isEqualTo(204);
        assertThat(respondTasks(ticket)).isZero();

        sendQueuedMails(ticket);
        MimeMessage reply = sam.messages().get(1);
        assertThat(sam.messages()).hasSize(2);
        assertThat(reply.getSubject()).isEqualTo("Re: [" + ticket.getNumber() + "] Cannot log in");
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(first.getMessageID());
        assertThat(reply.getHeader("References", null)).isEqualTo(first.getMessageID() + " " + ack.getMessageID());
        assertThat(reply.getHeader("Auto-Submitted", null)).isNull();
        String replyText = body(reply);
        assertThat(replyText).contains("Please reset it <here>.").contains("Please reset it &lt;here&gt;.").doesNotContain("SECRET");
        assertThat(body(ack)).doesNotContain("SECRET");

        // the customer answers with a standard client: to the signed Reply-To, quoting the agent
        MimeMessage answer = sam.send(((InternetAddress) reply.getReplyTo()[0]).getAddress(), "Re: " + reply.getSubject(),
                "It works now, thanks!\n\nOn Mon, 23 Nov 2026 at 10:00, Example Support <support@example.com> wrote:\n> Please reset it <here>.\n",
                reply.getMessageID());
        assertThat(poll()).containsEntry(InboundMailImporter.Result.REPLY_ADDED, 1);

        List<JsonNode> messages = messages(ticket);
        JsonNode last = messages.get(messages.size() - 1);
        assertThat(last.get("authorType").asText()).isEqualTo("CUSTOMER");
        assertThat(last.get("bodyText").asText()).isEqualTo("It works now, thanks!");
        assertThat(tickets.findById(ticket.getId()).orElseThrow().getStatus()).isEqualTo(TicketStatus.OPEN);
        assertThat(respondTasks(ticket)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT reason FROM mail_inbound WHERE message_id = ?").param(bare(answer.getMessageID()))
                .query(String.class).single()).isEqualTo("signed reply token");
        // a customer's message is not mailed back to them
        assertThat(queuedMails(ticket)).isEqualTo(2);
    }

    @Test
    void aForgedTokenIsRefusedAndTheMailBecomesANewTicket() throws Exception {
        Customer victim = new Customer("Victim");
        MimeMessage original = victim.send(SUPPORT, "Refund please", "Order 42.", null);
        poll();
        Ticket ticket = ticketOf(original);
        String validToken = tokens.sign(ticket.getNumber());
        String forged = validToken.substring(0, validToken.length() - 4) + (validToken.endsWith("aaaa") ? "bbbb" : "aaaa");

        Customer attacker = new Customer("Mallory");
        MimeMessage attack = attacker.send("support+" + forged + "@example.com", "Re: your ticket",
                "Send the refund to my account instead.", null);
        assertThat(poll()).containsEntry(InboundMailImporter.Result.TICKET_CREATED, 1);

        assertThat(ticketOf(attack).getId()).isNotEqualTo(ticket.getId());
        assertThat(ticketOf(attack).getRequesterEmail()).isEqualTo(attacker.address);
        assertThat(messages(ticket)).hasSize(1);
    }

    @Test
    void aTicketNumberInTheSubjectCountsOnlyWhenTheRequesterSendsIt() throws Exception {
        Customer owner = new Customer("Owner");
        MimeMessage original = owner.send(SUPPORT, "Invoice missing", "Where is my invoice?", null);
        poll();
        Ticket ticket = ticketOf(original);

        Customer stranger = new Customer("Stranger");
        MimeMessage guess = stranger.send(SUPPORT, "Re: [" + ticket.getNumber() + "] Invoice missing", "I want in too.", null);
        MimeMessage fromOwner = owner.sendFrom(owner.address.toUpperCase(java.util.Locale.ROOT), SUPPORT,
                "[" + ticket.getNumber() + "] one more thing", "It was for March.", null);
        assertThat(poll()).containsEntry(InboundMailImporter.Result.TICKET_CREATED, 1)
                .containsEntry(InboundMailImporter.Result.REPLY_ADDED, 1);

        assertThat(ticketOf(guess).getId()).isNotEqualTo(ticket.getId());
        assertThat(ticketOf(fromOwner).getId()).isEqualTo(ticket.getId());
        assertThat(messages(ticket)).extracting(m -> m.get("bodyText").asText())
                .containsExactly("Where is my invoice?", "It was for March.");
    }

    @Test
    void autoRepliesBouncesAndOurOwnMailCreateNothingAndAreKeptRaw() throws Exception {
        Customer away = new Customer("Away");
        away.sendWithHeaders(SUPPORT, "Out of office", "I am away until Monday.", Map.of("Auto-Submitted", "auto-replied"));
        away.sendWithHeaders(SUPPORT, "Newsletter", "Our news.", Map.of("Precedence", "bulk"));
        away.sendWithHeaders(SUPPORT, "Echo", "Our own mail.", Map.of(InboundMailParser.ORIGIN_HEADER, settings.originId()));
        Customer daemon = new Customer("Mail Delivery System", "mailer-daemon");
        daemon.send(SUPPORT, "Undelivered Mail Returned to Sender", "This is the mail system.", null);

        assertThat(poll()).containsEntry(InboundMailImporter.Result.IGNORED, 4).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM ticket WHERE requester_email IN (?, ?)").params(away.address, daemon.address)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT classification FROM mail_inbound WHERE sender IN (?, ?) AND outcome = 'IGNORED' ORDER BY id")
                .params(away.address, daemon.address).query(String.class).list())
                .containsExactly("AUTO_REPLY", "BULK", "OWN_MAIL", "BOUNCE");
    }

    @Test
    void whenSmtpIsDownTheSendBecomesAnIncidentAndARetrySendsExactlyOneMail() throws Exception {
        greenMail.stop();
        Customer lee = new Customer("Lee Park");
        Ticket ticket = tickets.create(new io.supportflow.ticket.TicketCommands.NewTicket("Dark mode", "Please add dark mode.",
                io.supportflow.ticket.MessageBody.Format.TEXT, lee.name, lee.address, io.supportflow.ticket.Priority.LOW, null,
                List.of(), Map.of(), Channel.EMAIL), io.supportflow.ticket.Actor.customer(lee.address, lee.name));
        String instance = outgoingInstances(ticket).get(0);
        Job job = management.createJobQuery().processInstanceId(instance).singleResult();
        assertThat(job.getRetries()).isEqualTo(3);

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThatThrownBy(() -> management.executeJob(job.getId())).hasStackTraceContaining("Connection refused");
        }
        assertThat(management.createJobQuery().jobId(job.getId()).singleResult().getRetries()).isZero();
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).singleResult().getActivityId())
                .isEqualTo(OutgoingMailProcess.Elements.SEND_MAIL);
        String messageId = jdbc.sql("SELECT message_id FROM mail_outgoing WHERE ticket_id = ?").param(ticket.getId()).query(String.class).single();

        startMailServers();
        management.setJobRetries(job.getId(), 1);
        management.executeJob(job.getId());

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(lee.messages()).hasSize(1);
        assertThat(lee.onlyMessage().getMessageID()).isEqualTo("<" + messageId + ">");
    }

    @Test
    void theCustomerIsToldWhenTheTicketWaitsTooLongIsResolvedAndIsClosed() throws Exception {
        Customer kim = new Customer("Kim");
        MimeMessage first = kim.send(SUPPORT, "Slow website", "The site takes 20 s to load.", null);
        poll();
        Ticket ticket = ticketOf(first);
        Api admin = Api.as(port, "demo");
        String path = "/api/v1/tickets/" + ticket.getNumber();
        assertThat(admin.post(path + "/messages", Map.of("body", "Which page?", "status", "WAITING_ON_CUSTOMER")).status()).isEqualTo(201);
        management.executeJob(timer(ticket, TicketLifecycle.Elements.REMINDER_DUE).getId());
        assertThat(admin.patch(path, Map.of("status", "RESOLVED")).status()).isEqualTo(200);
        management.executeJob(timer(ticket, TicketLifecycle.Elements.AUTO_CLOSE_AFTER_RESOLVED).getId());
        assertThat(tickets.findById(ticket.getId()).orElseThrow().getStatus()).isEqualTo(TicketStatus.CLOSED);
        // the resolution's mail is the CSAT survey's (with the rating links): its process sends it
        runtime.createProcessInstanceQuery().processDefinitionKey("CsatSurvey").processInstanceBusinessKey(ticket.getNumber()).list()
                .forEach(p -> management.createJobQuery().processInstanceId(p.getId()).list()
                        .forEach(job -> management.executeJob(job.getId())));

        sendQueuedMails(ticket);
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : kim.messages()) {
            subjects.add(m.getSubject());
        }
        String n = "[" + ticket.getNumber() + "]";
        assertThat(subjects).containsExactlyInAnyOrder(n + " We received your request: Slow website", "Re: " + n + " Slow website",
                n + " We are waiting for your answer: Slow website", n + " Your request is resolved: Slow website",
                n + " Your request is closed: Slow website");
    }

    @Test
    void afterImportAMessageIsMovedOrDeletedWhenTheMailboxSaysSo() throws Exception {
        Customer customer = new Customer("Tidy");
        MailSettings.Mailbox base = mailbox();
        customer.send(SUPPORT, "Move me", "To the archive.", null);
        MailSettings.Mailbox moving = new MailSettings.Mailbox(base.name(), base.host(), base.port(), false, base.username(),
                base.password(), "INBOX", MailSettings.AfterImport.MOVE, "Imported");
        assertThat(poller.poll(moving)).containsEntry(InboundMailImporter.Result.TICKET_CREATED, 1);
        assertThat(messagesIn("INBOX")).isZero();
        assertThat(messagesIn("Imported")).isEqualTo(1);

        customer.send(SUPPORT, "Delete me", "Gone.", null);
        MailSettings.Mailbox deleting = new MailSettings.Mailbox(base.name(), base.host(), base.port(), false, base.username(),
                base.password(), "INBOX", MailSettings.AfterImport.DELETE, null);
        assertThat(poller.poll(deleting)).containsEntry(InboundMailImporter.Result.TICKET_CREATED, 1);
        assertThat(messagesIn("INBOX")).isZero();
        assertThat(messagesIn("Imported")).isEqualTo(1);
    }

    @Test
    void attachmentsAreKeptAndServedOnlyAsDownloadsToTheTicketsAgents() throws Exception {
        Customer customer = new Customer("Files");
        String html = "<html><body><script>alert(document.cookie)</script></body></html>";
        jakarta.mail.internet.MimeMultipart parts = new jakarta.mail.internet.MimeMultipart();
        parts.addBodyPart(part("See the files.", "text/plain; charset=UTF-8", null));
        parts.addBodyPart(part(html, "application/pdf", "invoice.pdf"));
        parts.addBodyPart(part("plain notes", "text/plain; charset=UTF-8", "../../etc/notes.txt"));
        MimeMessage sent = customer.sendMultipart(SUPPORT, "Two files", parts);
        poll();
        Ticket ticket = ticketOf(sent);
        Api agent = Api.as(port, Map.of("general", "dave", "technical", "bob", "billing", "alice").get(ticket.getTeam()));
        Api outsider = Api.as(port, ticket.getTeam().equals("billing") ? "bob" : "alice");
        String base = "/api/v1/tickets/" + ticket.getNumber() + "/attachments";

        JsonNode list = agent.get(base).json();
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("fileName").asText()).isEqualTo("invoice.pdf");
        assertThat(list.get(0).get("contentType").asText()).isEqualTo("text/html");
        assertThat(list.get(1).get("fileName").asText()).isEqualTo("notes.txt");

        Api.Response download = agent.get(base + "/" + list.get(0).get("id").asLong());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(html);
        assertThat(download.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(download.header("Content-Disposition")).startsWith("attachment;").contains("invoice.pdf");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Content-Security-Policy")).contains("sandbox");
        Api.Response notes = agent.get(base + "/" + list.get(1).get("id").asLong());
        assertThat(notes.body()).isEqualTo("plain notes");
        assertThat(notes.header("Content-Type")).startsWith("text/plain");

        assertThat(outsider.get(base).status()).isEqualTo(404);
        assertThat(outsider.get(base + "/" + list.get(0).get("id").asLong()).status()).isEqualTo(404);
        assertThat(Api.anonymous(port).get(base).status()).isEqualTo(401);
        assertThat(agent.get(base + "/999999999").status()).isEqualTo(404);
        assertThat(agent.get(base + "/abc").status()).isEqualTo(400);
        assertThat(agent.get(base + "/1%27%20OR%201=1").status()).isEqualTo(400);
        assertThat(agent.get("/api/v1/tickets/..%2F..%2Fetc/attachments").status()).isIn(400, 404);
    }

    static jakarta.mail.internet.MimeBodyPart part(String content, String type, String fileName) throws Exception {
        jakarta.mail.internet.MimeBodyPart part = new jakarta.mail.internet.MimeBodyPart();
        part.setContent(content, type);
        if (fileName != null) {
            part.setDisposition(jakarta.mail.Part.ATTACHMENT);
            part.setFileName(fileName);
        }
        return part;
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    MailSettings.Mailbox mailbox() {
        return settings.mailboxes().get(0);
    }

    Map<InboundMailImporter.Result, Integer> poll() throws Exception {
        return poller.poll(mailbox());
    }

    int messagesIn(String folderName) throws Exception {
        try (jakarta.mail.Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", mailbox().port(), mailbox().username(), mailbox().password());
            jakarta.mail.Folder folder = store.getFolder(folderName);
            return folder.exists() ? folder.getMessageCount() : 0;
        }
    }

    Ticket ticketOf(MimeMessage sent) throws Exception {
        Long id = jdbc.sql("SELECT ticket_id FROM mail_inbound WHERE message_id = ?").param(bare(sent.getMessageID()))
                .query(Long.class).single();
        return tickets.findById(id).orElseThrow();
    }

    static String bare(String messageId) {
        return messageId.substring(1, messageId.length() - 1);
    }

    List<JsonNode> messages(Ticket ticket) {
        List<JsonNode> list = new ArrayList<>();
        Api.as(port, "demo").get("/api/v1/tickets/" + ticket.getNumber() + "/messages").json().forEach(list::add);
        return list;
    }

    long respondTasks(Ticket ticket) {
        return taskService.createTaskQuery().processInstanceId(ticket.getProcessInstanceId())
                .taskDefinitionKey(TicketLifecycle.Elements.RESPOND_TO_CUSTOMER).count();
    }

    List<String> outgoingInstances(Ticket ticket) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(OutgoingMailProcess.PROCESS_KEY)
                .processInstanceBusinessKeyLike(ticket.getNumber() + "/mail/%").list().stream().map(p -> p.getId()).toList();
    }

    Job timer(Ticket ticket, String activityId) {
        return management.createJobQuery().processInstanceId(ticket.getProcessInstanceId()).activityId(activityId).singleResult();
    }

    long queuedMails(Ticket ticket) {
        return jdbc.sql("SELECT count(*) FROM mail_outgoing WHERE ticket_id = ?").param(ticket.getId()).query(Long.class).single();
    }

    /** Runs the send jobs of the ticket's queued mails, as the job executor would. */
    void sendQueuedMails(Ticket ticket) {
        for (String instance : outgoingInstances(ticket)) {
            management.createJobQuery().processInstanceId(instance).list().forEach(job -> management.executeJob(job.getId()));
        }
    }

    /** The decoded text of every text part (plain and HTML), concatenated. */
    static String body(jakarta.mail.Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(body(multipart.getBodyPart(i))).append('\n');
            }
            return all.toString();
        }
        return content instanceof String text ? text : "";
    }

    /** A customer with a mailbox of their own domain on the GreenMail server. */
    final class Customer {
        final String name;
        final String address;
        final String domain;

        Customer(String name) {
            this(name, "someone");
        }

        Customer(String name, String localPart) {
            this.name = name;
            this.domain = "c" + UUID.randomUUID().toString().substring(0, 8) + ".example";
            this.address = localPart + "@" + domain;
        }

        MimeMessage send(String to, String subject, String text, String inReplyTo) throws Exception {
            return sendFrom(address, to, subject, text, inReplyTo);
        }

        MimeMessage sendFrom(String from, String to, String subject, String text, String inReplyTo) throws Exception {
            MimeMessage message = compose(from, to, subject, text);
            if (inReplyTo != null) {
                message.setHeader("In-Reply-To", inReplyTo);
                message.setHeader("References", inReplyTo);
            }
            return deliver(message);
        }

        MimeMessage sendWithHeaders(String to, String subject, String text, Map<String, String> headers) throws Exception {
            MimeMessage message = compose(address, to, subject, text);
            for (var header : headers.entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            return deliver(message);
        }

        MimeMessage sendMultipart(String to, String subject, jakarta.mail.Multipart parts) throws Exception {
            MimeMessage message = compose(address, to, subject, "");
            message.setContent(parts);
            return deliver(message);
        }

        /** The same message again, Message-ID included (a server delivering twice, a crash before the flag was set). */
        void resend(MimeMessage message) throws Exception {
            String messageId = message.getMessageID();
            MimeMessage copy = new MimeMessage(message) {
                @Override
                protected void updateMessageID() throws jakarta.mail.MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            Transport.send(copy, new Address[] {new InternetAddress(SUPPORT)});
        }

        private MimeMessage compose(String from, String to, String subject, String text) throws Exception {
            MimeMessage message = new MimeMessage(session());
            message.setFrom(new InternetAddress(from, name));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            message.setSubject(subject, "UTF-8");
            message.setText(text, "UTF-8");
            return message;
        }

        /** The envelope goes to the support mailbox, as a server delivering plus-addresses does. */
        private MimeMessage deliver(MimeMessage message) throws Exception {
            message.saveChanges();
            Transport.send(message, new Address[] {new InternetAddress(SUPPORT)});
            return message;
        }

        List<MimeMessage> messages() {
            return List.of(greenMail.getReceivedMessagesForDomain(domain));
        }

        MimeMessage onlyMessage() {
            assertThat(messages()).hasSize(1);
            return messages().get(0);
        }

        private Session session() {
            Properties properties = new Properties();
            properties.setProperty("mail.smtp.host", "127.0.0.1");
            properties.setProperty("mail.smtp.port", String.valueOf(smtpSettings.getPort()));
            return Session.getInstance(properties);
        }
    }
}
