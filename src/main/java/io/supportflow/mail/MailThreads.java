package io.supportflow.mail;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The mail side of conversations: every inbound message kept raw with what became of it
 * (mail_inbound), every outgoing mail with its Message-ID (mail_outgoing), and the
 * Message-ID → ticket lookups that thread replies.
 */
@Repository
class MailThreads {

    enum Outcome { TICKET_CREATED, REPLY_ADDED, IGNORED }

    /** What a mail is; the lower-case name is its template (mail/templates/<kind>.<language>.txt). */
    enum Kind { ACKNOWLEDGEMENT, REPLY, RESOLVED, REMINDER, CLOSED, NOTICE }

    record Outgoing(long id, Long ticketId, Long ticketMessageId, Kind kind, String messageId, String recipient,
                    String replyTo, String subject, String inReplyTo, String references, String text, String html,
                    boolean sent, String dedupeKey, boolean attachFiles) {
    }

    /** How many Message-IDs a References header carries at most: the first and the most recent ones. */
    static final int MAX_REFERENCES = 20;

    private final JdbcClient jdbc;

    MailThreads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void recordInbound(String mailbox, ParsedMail mail, Outcome outcome, String reason, Long ticketId,
            Long ticketMessageId, byte[] raw) {
        jdbc.sql("""
                INSERT INTO mail_inbound (mailbox, message_id, classification, outcome, reason, ticket_id, ticket_message_id, sender, raw)
                VALUES (:mailbox, :messageId, :classification, :outcome, :reason, :ticket, :message, :sender, :raw)""")
                .param("mailbox", mailbox).param("messageId", mail.messageId())
                .param("classification", mail.classification().name()).param("outcome", outcome.name())
                .param("reason", reason).param("ticket", ticketId).param("message", ticketMessageId)
                .param("sender", mail.from() == null ? null : mail.from().address()).param("raw", raw)
                .update();
    }

    /** The ticket of the first of these Message-IDs that we sent or imported onto a ticket. */
    Optional<Long> ticketOf(List<String> messageIds) {
        for (String messageId : messageIds) {
            Optional<Long> ticket = jdbc.sql("""
                    SELECT ticket_id FROM mail_outgoing WHERE message_id = :id
                    UNION ALL
                    SELECT ticket_id FROM mail_inbound WHERE message_id = :id AND ticket_id IS NOT NULL
                    LIMIT 1""")
                    .param("id", messageId).query(Long.class).optional();
            if (ticket.isPresent()) {
                return ticket;
            }
        }
        return Optional.empty();
    }

    /** The Message-IDs of a ticket's mail conversation, oldest first. */
    List<String> conversation(long ticketId) {
        return jdbc.sql("""
                SELECT message_id FROM (
                  SELECT message_id, received_at AS at, id FROM mail_inbound WHERE ticket_id = :ticket
                  UNION ALL
                  SELECT message_id, created_at AS at, id FROM mail_outgoing WHERE ticket_id = :ticket
                ) m ORDER BY at, id""")
                .param("ticket", ticketId).query(String.class).list();
    }

    /** The last inbound Message-ID of a ticket: what a new mail of ours answers. */
    Optional<String> lastInbound(long ticketId) {
        return jdbc.sql("SELECT message_id FROM mail_inbound WHERE ticket_id = :ticket ORDER BY received_at DESC, id DESC LIMIT 1")
                .param("ticket", ticketId).query(String.class).optional();
    }

    static List<String> trimReferences(List<String> ids) {
        if (ids.size() <= MAX_REFERENCES) {
            return ids;
        }
        List<String> trimmed = new ArrayList<>();
        trimmed.add(ids.get(0));
        trimmed.addAll(ids.subList(ids.size() - MAX_REFERENCES + 1, ids.size()));
        return trimmed;
    }

    /** How many acknowledgements went to this address in the last 24 hours: a sender answering every mail is a loop. */
    long acknowledgementsToday(String recipient) {
        return jdbc.sql("""
                SELECT count(*) FROM mail_outgoing
                WHERE kind = 'ACKNOWLEDGEMENT' AND lower(recipient) = lower(:recipient) AND created_at >= now() - interval '1 day'""")
                .param("recipient", recipient).query(Long.class).single();
    }

    /** Stores a mail to send; false when this message or acknowledgement was queued before (an event seen twice). */
    Optional<Long> queue(Outgoing mail) {
        return jdbc.sql("""
                INSERT INTO mail_outgoing (ticket_id, ticket_message_id, kind, message_id, recipient, reply_to, subject,
                                           in_reply_to, thread_references, body_text, body_html, dedupe_key, attach_files)
                VALUES (:ticket, :message, :kind, :messageId, :recipient, :replyTo, :subject, :inReplyTo, :references, :text, :html,
                        :dedupeKey, :attachFiles)
                ON CONFLICT DO NOTHING RETURNING id""")
                .param("ticket", mail.ticketId()).param("message", mail.ticketMessageId()).param("kind", mail.kind().name())
                .param("messageId", mail.messageId()).param("recipient", mail.recipient()).param("replyTo", mail.replyTo())
                .param("subject", mail.subject()).param("inReplyTo", mail.inReplyTo()).param("references", mail.references())
                .param("text", mail.text()).param("html", mail.html()).param("dedupeKey", mail.dedupeKey())
                .param("attachFiles", mail.attachFiles())
                .query(Long.class).optional();
    }

    /** The outgoing mail, locked until the end of the transaction so that two attempts never send it twice. */
    Optional<Outgoing> lockOutgoing(long id) {
        return jdbc.sql("""
                SELECT id, ticket_id, ticket_message_id, kind, message_id, recipient, reply_to, subject, in_reply_to,
                       thread_references, body_text, body_html, status, dedupe_key, attach_files
                FROM mail_outgoing WHERE id = :id FOR UPDATE""")
                .param("id", id)
                .query((rs, n) -> new Outgoing(rs.getLong(1), (Long) rs.getObject(2), (Long) rs.getObject(3), Kind.valueOf(rs.getString(4)),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), rs.getString(12), "SENT".equals(rs.getString(13)), rs.getString(14), rs.getBoolean(15)))
                .optional();
    }

    void markSent(long id, Instant at) {
        jdbc.sql("UPDATE mail_outgoing SET status = 'SENT', sent_at = :at WHERE id = :id")
                .param("id", id).param("at", Timestamp.from(at)).update();
    }

    Optional<String> textByDedupeKey(String dedupeKey) {
        return jdbc.sql("SELECT body_text FROM mail_outgoing WHERE dedupe_key = :key")
                .param("key", dedupeKey).query(String.class).optional();
    }
}
