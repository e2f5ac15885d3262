package io.supportflow.ticket;

import io.supportflow.identity.Agent;

/** Agents see the tickets of their teams and those assigned to them; administrators see all. */
final class TicketVisibility {

    static boolean canSee(Agent agent, Ticket ticket) {
        return agent.admin() || agent.memberOf(ticket.getTeam()) || agent.id().equals(ticket.getAssignee());
    }

    private TicketVisibility() {
    }
}
