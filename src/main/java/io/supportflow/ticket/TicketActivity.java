package io.supportflow.ticket;

import java.time.Instant;

/**
 * Published (synchronously, inside the transaction that wrote it) for every entry of a ticket's
 * activity log: the one stream other capabilities react to. {@code action} is e.g. {@code created},
 * {@code changed} (with {@code field}, {@code before}, {@code after}), {@code reply_added},
 * {@code note_added}, {@code customer_replied}, {@code routed}, {@code sla_warning},
 * {@code sla_breached}. Listeners that act on the ticket should wait for the end of the
 * operation (e.g. {@code @TransactionalEventListener(phase = BEFORE_COMMIT)}), when row and
 * process agree again.
 */
public record TicketActivity(long ticketId, Actor actor, String action, String field, String before, String after,
                             Instant at) {

    public boolean changed(String fieldName) {
        return "changed".equals(action) && fieldName.equals(field);
    }
}
