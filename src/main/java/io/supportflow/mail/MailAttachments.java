package io.supportflow.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The attachments of inbound mail: metadata in mail_attachment, bytes in the {@link AttachmentStorage}. */
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

    /** Stores the files and returns their ids, in order. */
    List<Long> store(long ticketId, Long ticketMessageId, List<MailAttachment> attachments) {
        List<Long> ids = new java.util.ArrayList<>();
        for (MailAttachment attachment : attachments) {
            String key;
            try {
                key = storage.put(attachment.bytes());
            } catch (IOException e) {
                throw new UncheckedIOException("attachment storage refused " + attachment.fileName(), e);
            }
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
