package io.supportflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.supportflow.mail.AgentFilesFixture.Form;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Storing a message's files is all or nothing: when a later file of an upload is refused, or the transaction
 * that records the message rolls back after the files were written, the attachment directory keeps no new file
 * and the database no row. Agents' replies over HTTP, inbound mail over real IMAP (GreenMail), and the store
 * itself; plus the start-up sweep of files no row references.
 */
@IntegrationTest
class AttachmentRollbackIntegrationTest {

    static final byte[] FIRST = "first file, stored before the second is refused".getBytes(StandardCharsets.UTF_8);
    static final byte[] SECOND = "second file".getBytes(StandardCharsets.UTF_8);

    @Autowired MailSettings settings;
    @Autowired MailboxPoller poller;
    @Autowired MailAttachments attachments;
    @Autowired AttachmentStorage storage;
    @Autowired OrphanAttachmentSweep sweep;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    @Test
    void anAgentsReplyWhoseSecondFileIsRefusedLeavesNoFileNoAttachmentAndNoMessage() throws Exception {
        String number = newTicket("Rollback of a reply");
        long ticketId = ticketId(number);
        long messages = messagesOf(ticketId);
        Set<Path> before = filesInStore();
        String refused = AttachmentStoreProbe.uniqueName("refused");

        Api.Response reply;
        try (AutoCloseable refusal = AttachmentStoreProbe.refuseFileName(jdbc, refused)) {
            reply = new Form().message("{\"body\": \"Two files for you.\"}").file("first.txt", FIRST).file(refused, SECOND)
                    .post(Api.as(port, "alice"), number);
        }

        assertThat(reply.status()).as(reply.body()).isEqualTo(500);
        assertThat(reply.json().path("detail").asText()).contains("nothing was changed");
        assertThat(filesInStore()).isEqualTo(before);
        assertThat(attachmentsOf(ticketId)).isZero();
        assertThat(messagesOf(ticketId)).isEqualTo(messages);
    }

    @Test
    void aSuccessfulReplyKeepsEveryFileItsRowsReference() throws Exception {
        String number = newTicket("Files that stay");
        long ticketId = ticketId(number);
        Set<Path> before = filesInStore();

        Api.Response reply = new Form().message("{\"body\": \"Two files for you.\"}").file("first.txt", FIRST).file("second.txt", SECOND)
                .post(Api.as(port, "alice"), number);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        List<String> keys = keysOf(ticketId);
        assertThat(keys).hasSize(2);
        Set<Path> added = new HashSet<>(filesInStore());
        added.removeAll(before);
        assertThat(added).containsExactlyInAnyOrderElementsOf(keys.stream().map(this::pathOf).toList());
        assertThat(Files.readAllBytes(pathOf(keys.get(0)))).isEqualTo(FIRST);
        assertThat(Files.readAllBytes(pathOf(keys.get(1)))).isEqualTo(SECOND);
    }

    @Test
    void withoutATransactionOfTheCallerTheStoreRemovesTheEarlierFilesWhenALaterOneIsRefused() {
        long ticketId = ticketId(newTicket("Store on its own"));
        Set<Path> before = filesInStore();

        // file_name is NOT NULL: the second row is refused after both files were written
        assertThatThrownBy(() -> attachments.store(ticketId, null, List.of(attachment("first.txt", FIRST), attachment(null, SECOND))))
                .isInstanceOf(DataIntegrityViolationException.class);

        assertThat(filesInStore()).isEqualTo(before);
        assertThat(attachmentsOf(ticketId)).isZero();
    }

    @Test
    void whenTheCallersTransactionRollsBackAfterTheFilesWereStoredTheyAreDeleted() {
        long ticketId = ticketId(newTicket("Caller rolls back"));
        Set<Path> before = filesInStore();

        List<Long> ids = new TransactionTemplate(transactions).execute(status -> {
            List<Long> stored = attachments.store(ticketId, null, List.of(attachment("first.txt", FIRST), attachment("second.txt", SECOND)));
            assertThat(filesInStore()).hasSize(before.size() + 2); // written, not yet committed
            status.setRollbackOnly();
            return stored;
        });

        assertThat(ids).hasSize(2);
        assertThat(filesInStore()).isEqualTo(before);
        assertThat(attachmentsOf(ticketId)).isZero();
    }

    @Test
    void anInboundMailWhoseSecondAttachmentIsRefusedBecomesADeadLetterWithoutFilesOrTicket() throws Exception {
        MailSettings.Mailbox mailbox = settings.mailboxes().get(0);
        GreenMail imap = new GreenMail(new ServerSetup(mailbox.port(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        imap.start();
        try {
            String support = "support@example.com";
            imap.setUser(support, mailbox.username(), mailbox.password());
            String subject = "Two files " + UUID.randomUUID();
            String refused = AttachmentStoreProbe.uniqueName("refused-mail");
            MimeMultipart parts = new MimeMultipart();
            parts.addBodyPart(MailChannelIntegrationTest.part("See the two files.", "text/plain; charset=UTF-8", null));
            parts.addBodyPart(MailChannelIntegrationTest.part("first", "text/plain; charset=UTF-8", "first.txt"));
            parts.addBodyPart(MailChannelIntegrationTest.part("second", "text/plain; charset=UTF-8", refused));
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
            mail.setFrom(new InternetAddress("mia@m" + UUID.randomUUID().toString().substring(0, 8) + ".example", "Mia Mail"));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress(support));
            mail.setSubject(subject);
            mail.setContent(parts);
            mail.saveChanges();
            imap.getManagers().getUserManager().getUser(support).deliver(mail);
            Set<Path> before = filesInStore();

            try (AutoCloseable refusal = AttachmentStoreProbe.refuseFileName(jdbc, refused)) {
                assertThat(poller.poll(mailbox)).containsEntry(InboundMailImporter.Result.DEAD_LETTER, 1).hasSize(1);
            }

            assertThat(filesInStore()).isEqualTo(before);
            assertThat(jdbc.sql("SELECT count(*) FROM ticket WHERE subject = ?").param(subject).query(Long.class).single()).isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM mail_dead_letter WHERE convert_from(raw, 'UTF8') LIKE ?")
                    .param("%" + subject + "%").query(Long.class).single()).isEqualTo(1);
        } finally {
            imap.stop();
        }
    }

    @Test
    void theSweepDeletesOnlyOldFilesThatNoRowReferences() throws Exception {
        long ticketId = ticketId(newTicket("Sweep"));
        long referencedId = attachments.store(ticketId, null, List.of(attachment("kept.txt", FIRST))).get(0);
        String referenced = attachments.find(ticketId, referencedId).orElseThrow().storageKey();
        String oldOrphan = storage.put(SECOND);
        String newOrphan = storage.put(SECOND);
        FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        Files.setLastModifiedTime(pathOf(referenced), twoHoursAgo);
        Files.setLastModifiedTime(pathOf(oldOrphan), twoHoursAgo);

        assertThat(sweep.sweep()).isGreaterThanOrEqualTo(1);

        assertThat(pathOf(oldOrphan)).doesNotExist();
        assertThat(pathOf(referenced)).exists();
        assertThat(pathOf(newOrphan)).exists(); // perhaps a transaction still running: too young to judge
        assertThat(attachments.bytes(attachments.find(ticketId, referencedId).orElseThrow())).isEqualTo(FIRST);
        storage.delete(newOrphan);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private String newTicket(String subject) {
        String domain = "r" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        return AgentFilesFixture.newTicket(port, "ray@" + domain, "billing", subject).get("number").asText();
    }

    private static MailAttachment attachment(String name, byte[] bytes) {
        return new MailAttachment(name, "text/plain", null, false, null, bytes);
    }

    private Path directory() {
        return Path.of(settings.attachmentDirectory()).toAbsolutePath().normalize();
    }

    private Set<Path> filesInStore() {
        return AttachmentStoreProbe.files(directory());
    }

    private Path pathOf(String key) {
        return directory().resolve(key.substring(0, 2)).resolve(key);
    }

    private long ticketId(String number) {
        return jdbc.sql("SELECT id FROM ticket WHERE number = ?").param(number).query(Long.class).single();
    }

    private long messagesOf(long ticketId) {
        return jdbc.sql("SELECT count(*) FROM ticket_message WHERE ticket_id = ?").param(ticketId).query(Long.class).single();
    }

    private long attachmentsOf(long ticketId) {
        return jdbc.sql("SELECT count(*) FROM mail_attachment WHERE ticket_id = ?").param(ticketId).query(Long.class).single();
    }

    private List<String> keysOf(long ticketId) {
        return jdbc.sql("SELECT storage_key FROM mail_attachment WHERE ticket_id = ? ORDER BY id").param(ticketId)
                .query(String.class).list();
    }
}
