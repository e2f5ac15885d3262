package io.supportflow.routing;

import io.supportflow.ticket.TicketActivity;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When routing has chosen a ticket's team, the team's strategy picks an agent, once the operation that
 * routed it is complete (before the commit). It runs before the automation rules' evaluation, so rules see
 * the assignment and ASSIGNED fires for it.
 */
@Component
class AssignOnRouting {

    private final AgentAssignment assignment;

    AssignOnRouting(AgentAssignment assignment) {
        this.assignment = assignment;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    @Order(Ordered.HIGHEST_PRECEDENCE + 100)
    void routed(TicketActivity entry) {
        if ("routed".equals(entry.action()) || "routed_to_fallback".equals(entry.action())) {
            assignment.assign(entry.ticketId());
        }
    }
}
