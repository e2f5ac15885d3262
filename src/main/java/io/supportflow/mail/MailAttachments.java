package io.supportflow.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The attachments of tickets (inbound mail, portal and agents' uploads): metadata in mail_attachment, bytes in
 * the {@link AttachmentStorage}. The only place that writes to the storage.
 */
@Repository
class MailAttachments {

    record Stored(long id, long ticketId, Long ticketMessageId, String fileName, String contentType, long size,
                  boolean inline, String storageKey, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final AttachmentStorage storage;

    MailAttachments(JdbcClient jdbc, AttachmentStorage storage) {
        this.jdbc = jdbc;
        this.storage = storage;
    }

    /**
     * Stores the files and returns their ids, in order: all or nothing, in the caller's transaction (or one of
     * its own). Each file written is deleted again if that transaction rolls back, whether a later file, a
     * later row or anything else the caller does after this fails.
     */
    @Transactional
    List<Long> store(long ticketId, Long ticketMessageId, List<MailAttachment> attachments) {
        List<Long> ids = new java.util.ArrayList<>();
        for (MailAttachment attachment : attachments) {
            String key;
            try {
                key = storage.put(attachment.bytes());
            } catch (IOException e) {
                throw new UncheckedIOException("attachment storage refused " + attachment.fileName(), e);
            }
            TransactionSynchronizationManager.registerSynchronization(new DeleteOnRollback(storage, key));
            ids.add(jdbc.sql("""
                    INSERT INTO mail_attachment (ticket_id, ticket_message_id, file_name, content_type, size_bytes, inline, storage_key)
                    VALUES (:ticket, :message, :name, :type, :size, :inline, :key) RETURNING id""")
                    .param("ticket", ticketId).param("message", ticketMessageId).param("name", attachment.fileName())
                    .param("type", attachment.contentType()).param("size", attachment.size())
                    .param("inline", attachment.inline()).param("key", key)
                    .query(Long.class).single());
        }
        return ids;
    }

    /** Which of these keys a row references (committed, or written in the caller's transaction). */
    java.util.Set<String> referenced(java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("SELECT storage_key FROM mail_attachment WHERE storage_key IN (:keys)")
                .param("keys", keys).query(String.class).list());
    }

    List<Stored> ofTicket(long ticketId) {
        return jdbc.sql(SELECT + " WHERE ticket_id = :ticket ORDER BY id").param("ticket", ticketId).query(this::row).list();
    }

    /** The files that came with one message of the ticket, oldest first. */
    List<Stored> ofMessage(long ticketId, long ticketMessageId) {
        return jdbc.sql(SELECT + " WHERE ticket_id = :ticket AND ticket_message_id = :message ORDER BY id")
                .param("ticket", ticketId).param("message", ticketMessageId).query(this::row).list();
    }

    Optional<Stored> find(long ticketId, long id) {
        return jdbc.sql(SELECT + " WHERE ticket_id = :ticket AND id = :id").param("ticket", ticketId).param("id", id)
                .query(this::row).optional();
    }

    java.io.InputStream open(Stored attachment) throws IOException {
        return storage.open(attachment.storageKey());
    }

    byte[] bytes(Stored attachment) throws IOException {
        try (java.io.InputStream in = open(attachment)) {
            return in.readAllBytes();
        }
    }

    private static final String SELECT = """
            SELECT id, ticket_id, ticket_message_id, file_name, content_type, size_bytes, inline, storage_key, created_at
            FROM mail_attachment""";

    private Stored row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Stored(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getBoolean(7), rs.getString(8), rs.getTimestamp(9).toInstant());
    }
}
