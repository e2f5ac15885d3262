package io.supportflow.ticket;

import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The messages of a ticket: public replies and internal notes. */
@Component
class Conversation {

    record Message(long id, String ticketNumber, Actor.Type authorType, String authorId, String authorName,
                   boolean internal, String html, String text, Instant at) {
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    Conversation(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    long add(long ticketId, Actor author, boolean internal, MessageBody body, Instant at) {
        long id = jdbc.sql("""
                INSERT INTO ticket_message (ticket_id, author_type, author_id, author_name, internal, body_html, body_text, created_at)
                VALUES (:ticket, :type, :authorId, :authorName, :internal, :html, :text, :at) RETURNING id""")
                .param("ticket", ticketId).param("type", author.type().name()).param("authorId", author.id())
                .param("authorName", author.name()).param("internal", internal).param("html", body.html())
                .param("text", body.text()).param("at", TicketRepository.ts(at))
                .query(Long.class).single();
        events.publishEvent(new MessageAdded(ticketId, id, author, internal, at));
        return id;
    }

    /** Moves messages to another ticket (a split); they keep their authors and times and are not announced again. */
    void move(List<Long> messageIds, long fromTicketId, long toTicketId) {
        int moved = jdbc.sql("UPDATE ticket_message SET ticket_id = :to WHERE ticket_id = :from AND id IN (:ids)")
                .param("to", toTicketId).param("from", fromTicketId).param("ids", messageIds).update();
        if (moved != messageIds.size()) {
            throw new IllegalStateException("Moved " + moved + " of " + messageIds.size() + " messages.");
        }
    }

    java.util.Optional<TicketMessage> find(long messageId) {
        return jdbc.sql("""
                SELECT id, ticket_id, author_type, author_id, author_name, internal, body_html, body_text, created_at
                FROM ticket_message WHERE id = :id""")
                .param("id", messageId)
                .query((rs, n) -> new TicketMessage(rs.getLong(1), rs.getLong(2),
                        new Actor(Actor.Type.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5)), rs.getBoolean(6),
                        new MessageBody(rs.getString(7), rs.getString(8)), TicketRepository.instant(rs, "created_at")))
                .optional();
    }

    /** Messages of the given tickets (a ticket and those merged into it), oldest first. */
    List<Message> list(List<Long> ticketIds, boolean includeInternal) {
        return jdbc.sql("""
                SELECT m.id, t.number, m.author_type, m.author_id, m.author_name, m.internal, m.body_html, m.body_text, m.created_at
                FROM ticket_message m JOIN ticket t ON t.id = m.ticket_id
                WHERE m.ticket_id IN (:ids) AND (:internal OR NOT m.internal)
                ORDER BY m.created_at, m.id""")
                .param("ids", ticketIds).param("internal", includeInternal)
                .query((rs, n) -> new Message(rs.getLong(1), rs.getString(2), Actor.Type.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getString(8),
                        TicketRepository.instant(rs, "created_at")))
                .list();
    }

    /** The last messages as plain text, newest last, for the Tasklist form. */
    String transcript(long ticketId, int maxMessages, int maxChars) {
        List<String> lines = jdbc.sql("""
                SELECT * FROM (
                  SELECT m.created_at, m.id, m.author_name || CASE WHEN m.internal THEN ' (internal note)' ELSE '' END
                         || ' — ' || to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC' || chr(10) || m.body_text AS entry
                  FROM ticket_message m WHERE m.ticket_id = :ticket ORDER BY m.created_at DESC, m.id DESC LIMIT :max
                ) recent ORDER BY created_at, id""")
                .param("ticket", ticketId).param("max", maxMessages)
                .query((rs, n) -> rs.getString("entry")).list();
        String transcript = String.join("\n\n", lines);
        return transcript.length() <= maxChars ? transcript : "…" + transcript.substring(transcript.length() - maxChars);
    }
}
