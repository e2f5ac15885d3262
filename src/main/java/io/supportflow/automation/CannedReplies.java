package io.supportflow.automation;

import io.supportflow.ticket.Ticket;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The macros' public replies, filled in for one ticket: what other capabilities (AI reply suggestions) ground on. */
@Component
public class CannedReplies {

    public record CannedReply(long macroId, String name, String text) {
    }

    private final Macros macros;
    private final TicketFactsSource facts;

    CannedReplies(Macros macros, TicketFactsSource facts) {
        this.macros = macros;
        this.facts = facts;
    }

    /** Every macro with a public reply, its placeholders filled for the ticket and the agent. */
    @Transactional(readOnly = true)
    public List<CannedReply> forTicket(Ticket ticket, String agentName) {
        TicketFacts ticketFacts = facts.of(ticket);
        return macros.list().stream()
                .filter(m -> m.definition().body() != null && !Boolean.TRUE.equals(m.definition().internal()))
                .map(m -> new CannedReply(m.id(), m.definition().name(), ActionPlan.render(m.definition().body(), ticketFacts, agentName)))
                .toList();
    }
}
