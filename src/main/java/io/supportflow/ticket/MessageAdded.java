package io.supportflow.ticket;

import java.time.Instant;

/** Published inside the transaction that stored a message on a ticket. */
public record MessageAdded(long ticketId, long messageId, Actor author, boolean internal, Instant at) {
}
