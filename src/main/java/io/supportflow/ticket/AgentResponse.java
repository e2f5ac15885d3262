package io.supportflow.ticket;

import java.util.List;

/** What an agent hands in when completing "Respond to customer" (Tasklist form or API). */
record AgentResponse(String reply, String internalNote, MessageBody.Format format, TicketStatus nextStatus,
                     Priority priority, List<String> tags) {

    static AgentResponse statusOnly(TicketStatus next) {
        return new AgentResponse(null, null, MessageBody.Format.TEXT, next, null, null);
    }


    static final java.util.Set<TicketStatus> NEXT_STATUSES = java.util.EnumSet.of(TicketStatus.OPEN,
            TicketStatus.IN_PROGRESS, TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.WAITING_ON_THIRD_PARTY,
            TicketStatus.RESOLVED);
}
