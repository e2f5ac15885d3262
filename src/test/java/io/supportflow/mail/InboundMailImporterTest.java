package io.supportflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.identity.Agent;
import io.supportflow.support.IntegrationTest;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.Channel;
import io.supportflow.ticket.MessageBody;
import io.supportflow.ticket.Priority;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketCommands;
import io.supportflow.ticket.TicketService;
import io.supportflow.ticket.TicketStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The import of single raw messages (the corpus and hand-made ones) on the real database and engine. */
@IntegrationTest
class InboundMailImporterTest {

    static final Agent ADMIN = new Agent("demo", "Demo Admin", Set.of("camunda-admin"), Set.of(), true);

    @Autowired InboundMailImporter importer;
    @Autowired TicketService tickets;
    @Autowired JdbcClient jdbc;

    final String mailbox = "test-" + UUID.randomUUID() + "@example.com";

    @Test
    void aMessageThatCannotBeParsedBecomesADeadLetterAndNothingElse() throws Exception {
        byte[] raw = InboundMailParserTest.corpus("15-malformed-bad-base64.eml");

        assertThat(importer.importMessage(mailbox, raw)).isEqualTo(InboundMailImporter.Result.DEAD_LETTER);
        assertThat(jdbc.sql("SELECT raw FROM mail_dead_letter WHERE mailbox = ?").param(mailbox).query(byte[].class).single()).isEqualTo(raw);
        assertThat(jdbc.sql("SELECT count(*) FROM mail_inbound WHERE mailbox = ?").param(mailbox).query(Long.class).single()).isZero();
    }

    @Test
    void theSameMessageIsImportedOncePerMailbox() throws Exception {
        byte[] raw = InboundMailParserTest.corpus("01-gmail-new-alternative.eml");

        assertThat(importer.importMessage(mailbox, raw)).isEqualTo(InboundMailImporter.Result.TICKET_CREATED);
        assertThat(importer.importMessage(mailbox, raw)).isEqualTo(InboundMailImporter.Result.DUPLICATE);
    }

    @Test
    void scriptsInAnHtmlMailNeverReachTheTicket() throws Exception {
        assertThat(importer.importMessage(mailbox, InboundMailParserTest.corpus("25-html-script-xss.eml")))
                .isEqualTo(InboundMailImporter.Result.TICKET_CREATED);

        Ticket ticket = importedTicket();
        String html = jdbc.sql("SELECT body_html FROM ticket_message WHERE ticket_id = ?").param(ticket.getId()).query(String.class).single();
        assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("onerror").doesNotContain("javascript:");
        assertThat(ticket.getSubject()).doesNotContain("\n");
    }

    @Test
    void aReplyToAClosedTicketOpensAFollowUpTicket() {
        String customer = "closed@" + UUID.randomUUID() + ".example";
        Ticket ticket = ticket(customer);
        tickets.updateById(ticket.getId(), TicketCommands.Changes.none().withStatus(TicketStatus.CANCELLED), Actor.SYSTEM);

        assertThat(importer.importMessage(mailbox, mail(customer, "Re: [" + ticket.getNumber() + "] Help", "Still broken.")))
                .isEqualTo(InboundMailImporter.Result.TICKET_CREATED);

        Ticket followUp = importedTicket();
        assertThat(followUp.getId()).isNotEqualTo(ticket.getId());
        assertThat(reason()).isEqualTo("follow-up of " + ticket.getNumber() + ", which is CANCELLED");
    }

    @Test
    void aReplyToAMergedTicketLandsOnTheTicketItWasMergedInto() {
        String customer = "merged@" + UUID.randomUUID() + ".example";
        Ticket source = ticket(customer);
        Ticket target = ticket(customer);
        tickets.merge(source.getNumber(), target.getNumber(), ADMIN);
        // closed by the merge, not for good: the customer is not told it is closed
        assertThat(jdbc.sql("SELECT count(*) FROM mail_outgoing WHERE ticket_id = ?").param(source.getId()).query(Long.class).single())
                .isZero();

        assertThat(importer.importMessage(mailbox, mail(customer, "Re: [" + source.getNumber() + "] Help", "Any news?")))
                .isEqualTo(InboundMailImporter.Result.REPLY_ADDED);

        assertThat(jdbc.sql("SELECT ticket_id FROM mail_inbound WHERE mailbox = ?").param(mailbox).query(Long.class).single())
                .isEqualTo(target.getId());
        assertThat(reason()).isEqualTo("ticket number in the subject, from the requester, merged into " + target.getNumber());
    }

    @Test
    void aCopiedColleaguesReplyIsCreditedToTheColleagueNotTheRequester() {
        String domain = UUID.randomUUID() + ".example";
        String firstMessageId = UUID.randomUUID() + "@client.example";
        byte[] first = ("From: Jo Requester <jo@" + domain + ">\r\nTo: support@example.com\r\nCc: Kim <kim@" + domain + ">"
                + "\r\nSubject: VPN down\r\nMessage-ID: <" + firstMessageId + ">\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000"
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nThe VPN is down.\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] reply = ("From: Kim Colleague <kim@" + domain + ">\r\nTo: support@example.com\r\nSubject: Re: VPN down"
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@client.example>\r\nIn-Reply-To: <" + firstMessageId + ">"
                + "\r\nDate: Mon, 23 Nov 2026 10:05:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8"
                + "\r\n\r\nSame here since 9:00.\r\n").getBytes(StandardCharsets.UTF_8);

        assertThat(importer.importMessage(mailbox, first)).isEqualTo(InboundMailImporter.Result.TICKET_CREATED);
        assertThat(importer.importMessage(mailbox, reply)).isEqualTo(InboundMailImporter.Result.REPLY_ADDED);

        Ticket ticket = importedTicket();
        assertThat(ticket.getRequesterEmail()).isEqualTo("jo@" + domain);
        assertThat(jdbc.sql("SELECT author_type || ' ' || author_id || ' ' || author_name FROM ticket_message WHERE ticket_id = ? ORDER BY id")
                .param(ticket.getId()).query(String.class).list())
                .containsExactly("CUSTOMER jo@" + domain + " Jo Requester", "CUSTOMER kim@" + domain + " Kim Colleague");
    }

    @Test
    void aMailWithoutSenderIsKeptButCreatesNothing() throws Exception {
        assertThat(importer.importMessage(mailbox, InboundMailParserTest.corpus("35-missing-from-and-date.eml")))
                .isEqualTo(InboundMailImporter.Result.IGNORED);
        assertThat(reason()).isEqualTo("no usable From address");
    }

    @Test
    void aSenderGetsAtMostFiveAcknowledgementsADaySoAnAutoResponderCannotLoopWithUs() {
        String responder = "loop@" + UUID.randomUUID() + ".example";
        for (int i = 1; i <= OutgoingMails.MAX_ACKNOWLEDGEMENTS_PER_DAY + 2; i++) {
            assertThat(importer.importMessage(mailbox, mail(responder, "Your mail " + i, "Thank you for your mail.")))
                    .isEqualTo(InboundMailImporter.Result.TICKET_CREATED);
        }

        assertThat(jdbc.sql("SELECT count(*) FROM mail_outgoing WHERE recipient = ? AND kind = 'ACKNOWLEDGEMENT'").param(responder)
                .query(Long.class).single()).isEqualTo(OutgoingMails.MAX_ACKNOWLEDGEMENTS_PER_DAY);
    }

    Ticket ticket(String customer) {
        return tickets.create(new TicketCommands.NewTicket("Help", "It is broken.", MessageBody.Format.TEXT, "Customer", customer,
                Priority.LOW, null, List.of(), Map.of(), Channel.API), Actor.customer(customer, "Customer"));
    }

    Ticket importedTicket() {
        Long id = jdbc.sql("SELECT ticket_id FROM mail_inbound WHERE mailbox = ? AND outcome = 'TICKET_CREATED'").param(mailbox)
                .query(Long.class).single();
        return tickets.findById(id).orElseThrow();
    }

    String reason() {
        return jdbc.sql("SELECT reason FROM mail_inbound WHERE mailbox = ?").param(mailbox).query(String.class).single();
    }

    static byte[] mail(String from, String subject, String text) {
        return ("From: Customer <" + from + ">\r\nTo: support@example.com\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@client.example>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000"
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
