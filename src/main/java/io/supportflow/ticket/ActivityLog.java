package io.supportflow.ticket;

import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The append-only history of a ticket (the database refuses UPDATE, DELETE and TRUNCATE on it). */
@Component
class ActivityLog {

    record Entry(long id, String ticketNumber, Actor.Type actorType, String actor, String action, String field,
                 String before, String after, Instant at) {
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    ActivityLog(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    void append(long ticketId, Actor actor, String action, String field, String before, String after, Instant at) {
        jdbc.sql("""
                INSERT INTO ticket_activity (ticket_id, actor_type, actor, action, field, old_value, new_value, created_at)
                VALUES (:ticket, :actorType, :actor, :action, :field, :before, :after, :at)""")
                .param("ticket", ticketId).param("actorType", actor.type().name()).param("actor", actor.id())
                .param("action", action).param("field", field).param("before", before).param("after", after)
                .param("at", TicketRepository.ts(at)).update();
        events.publishEvent(new TicketActivity(ticketId, actor, action, field, before, after, at));
    }

    void append(long ticketId, Actor actor, String action, Instant at) {
        append(ticketId, actor, action, null, null, null, at);
    }

    void appendChanges(Ticket ticket, Actor actor, Instant at) {
        for (Ticket.FieldChange change : ticket.drainChanges()) {
            append(ticket.getId(), actor, "changed", change.field(), change.before(), change.after(), at);
        }
    }

    /** A ticket's history, including the history of tickets merged into it. */
    List<Entry> list(List<Long> ticketIds) {
        return jdbc.sql("""
                SELECT a.id, t.number, a.actor_type, a.actor, a.action, a.field, a.old_value, a.new_value, a.created_at
                FROM ticket_activity a JOIN ticket t ON t.id = a.ticket_id
                WHERE a.ticket_id IN (:ids) ORDER BY a.created_at, a.id""")
                .param("ids", ticketIds)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2), Actor.Type.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        TicketRepository.instant(rs, "created_at")))
                .list();
    }
}
