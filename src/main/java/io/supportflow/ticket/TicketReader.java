package io.supportflow.ticket;

import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only views of a ticket for other capabilities acting for the system (no visibility check; callers that
 * serve an agent check it with {@link TicketService#get} first): its conversation and the tenant's categories.
 */
@Component
@Transactional(readOnly = true)
public class TicketReader {

    private final TicketService tickets;
    private final Conversation conversation;
    private final TicketFields fields;
    private final TicketSettings settings;

    TicketReader(TicketService tickets, Conversation conversation, TicketFields fields, TicketSettings settings) {
        this.tickets = tickets;
        this.conversation = conversation;
        this.fields = fields;
        this.settings = settings;
    }

    /** The messages of the ticket and of tickets merged into it, oldest first; internal notes only if asked. */
    public List<TicketMessage> messages(long ticketId, boolean includeInternal) {
        return messages(tickets.findById(ticketId).orElseThrow(() -> new io.supportflow.common.NotFoundException("No ticket with this id.")),
                includeInternal);
    }

    /** The same, for a caller that has just read the ticket: it is not read again. */
    public List<TicketMessage> messages(Ticket ticket, boolean includeInternal) {
        long ticketId = ticket.getId();
        return conversation.list(tickets.withMerged(ticket), includeInternal).stream()
                .map(m -> new TicketMessage(m.id(), ticketId, new Actor(m.authorType(), m.authorId(), m.authorName()),
                        m.internal(), new MessageBody(m.html(), m.text()), m.at()))
                .toList();
    }

    /** The codes of the tenant's ticket categories. */
    public List<String> categoryCodes() {
        return fields.categories(settings.tenant()).stream().map(TicketFields.Category::code).toList();
    }
}
