package io.supportflow.ticket;

import java.time.Instant;

/** One stored message of a ticket, as other capabilities read it (e.g. to mail an agent's reply). */
public record TicketMessage(long id, long ticketId, Actor author, boolean internal, MessageBody body, Instant at) {
}
