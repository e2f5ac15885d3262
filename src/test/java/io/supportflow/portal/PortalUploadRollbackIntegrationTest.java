package io.supportflow.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.customer.CustomerAccounts;
import io.supportflow.mail.AttachmentStoreProbe;
import io.supportflow.portal.PortalFixtures.Customer;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A customer's new ticket or reply with files, whose second file the database refuses after the first was
 * written: nothing is kept, neither the ticket or message, nor a row, nor a file in the attachment directory.
 */
@IntegrationTest
class PortalUploadRollbackIntegrationTest {

    static final String TICKETS = "/api/portal/v1/tickets";
    static final byte[] BYTES = "some notes".getBytes(StandardCharsets.UTF_8);

    @LocalServerPort int port;
    @Autowired CustomerAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Value(AttachmentStoreProbe.DIRECTORY) Path directory;

    @Test
    void aNewTicketWhoseSecondFileIsRefusedIsNotCreatedAndLeavesNoFile() throws Exception {
        Customer rita = PortalFixtures.customer(port, accounts, "Rita Rollback", "portal-rollback.example");
        Set<Path> before = AttachmentStoreProbe.files(directory);
        String refused = AttachmentStoreProbe.uniqueName("refused-portal");

        Api.Response created;
        try (AutoCloseable refusal = AttachmentStoreProbe.refuseFileName(jdbc, refused)) {
            created = new Multipart().field("subject", "Two files").field("description", "See both files.")
                    .file("attachments", "first.txt", "text/plain", BYTES).file("attachments", refused, "text/plain", BYTES)
                    .post(rita.api(), TICKETS);
        }

        assertThat(created.status()).as(created.body()).isEqualTo(500);
        assertThat(AttachmentStoreProbe.files(directory)).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM ticket WHERE customer_id = ?").param(rita.principal().customerId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aReplyWhoseSecondFileIsRefusedIsNotAddedAndLeavesNoFile() throws Exception {
        Customer rita = PortalFixtures.customer(port, accounts, "Rita Rollback", "portal-rollback.example");
        String number = PortalFixtures.openTicket(rita, "Reply with files", "First words.");
        long ticketId = jdbc.sql("SELECT id FROM ticket WHERE number = ?").param(number).query(Long.class).single();
        long messages = messagesOf(ticketId);
        Set<Path> before = AttachmentStoreProbe.files(directory);
        String refused = AttachmentStoreProbe.uniqueName("refused-portal");

        Api.Response replied;
        try (AutoCloseable refusal = AttachmentStoreProbe.refuseFileName(jdbc, refused)) {
            replied = new Multipart().field("body", "Both files.")
                    .file("attachments", "first.txt", "text/plain", BYTES).file("attachments", refused, "text/plain", BYTES)
                    .post(rita.api(), TICKETS + "/" + number + "/messages");
        }

        assertThat(replied.status()).as(replied.body()).isEqualTo(500);
        assertThat(AttachmentStoreProbe.files(directory)).isEqualTo(before);
        assertThat(messagesOf(ticketId)).isEqualTo(messages);
        assertThat(jdbc.sql("SELECT count(*) FROM mail_attachment WHERE ticket_id = ?").param(ticketId).query(Long.class).single())
                .isZero();
    }

    private long messagesOf(long ticketId) {
        return jdbc.sql("SELECT count(*) FROM ticket_message WHERE ticket_id = ?").param(ticketId).query(Long.class).single();
    }
}
