package io.supportflow.mail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Nothing is lost: a message that cannot be parsed is kept raw with its error (table mail_dead_letter),
 * to be inspected and re-fed after a fix. Also remembers which Message-IDs a mailbox has seen, so a
 * message fetched twice is processed once.
 */
@Repository
public class MailDeadLetters {

    private final JdbcClient jdbc;

    MailDeadLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the raw message and the error; returns the dead letter's id. */
    public long store(String mailbox, byte[] raw, String error) {
        return jdbc.sql("INSERT INTO mail_dead_letter (mailbox, raw, error) VALUES (:mailbox, :raw, :error) RETURNING id")
                .param("mailbox", mailbox).param("raw", raw).param("error", error)
                .query(Long.class).single();
    }

    /** The raw bytes and error of a dead letter. */
    public java.util.Optional<DeadLetter> find(long id) {
        return jdbc.sql("SELECT id, mailbox, received_at, raw, error FROM mail_dead_letter WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new DeadLetter(rs.getLong("id"), rs.getString("mailbox"),
                        rs.getTimestamp("received_at").toInstant(), rs.getBytes("raw"), rs.getString("error")))
                .optional();
    }

    /** Records a Message-ID for a mailbox; true the first time, false when it was seen before. */
    public boolean firstSighting(String mailbox, String messageId) {
        return jdbc.sql("INSERT INTO mail_inbound_seen (mailbox, message_id) VALUES (:mailbox, :id) ON CONFLICT DO NOTHING")
                .param("mailbox", mailbox).param("id", messageId).update() == 1;
    }

    public record DeadLetter(long id, String mailbox, java.time.Instant receivedAt, byte[] raw, String error) {
    }
}
