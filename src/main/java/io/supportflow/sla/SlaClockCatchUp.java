package io.supportflow.sla;

import io.supportflow.platform.TicketProcessesUpgraded;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketService;
import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Tickets from before the SLA clocks get theirs when their process moves to the latest lifecycle version. */
@Component
class SlaClockCatchUp {

    private final SlaClocks clocks;
    private final TicketService tickets;

    SlaClockCatchUp(SlaClocks clocks, TicketService tickets) {
        this.clocks = clocks;
        this.tickets = tickets;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(TicketProcessesUpgraded event) {
        Instant now = ClockUtil.now().toInstant();
        for (String number : event.ticketNumbers()) {
            tickets.findByNumber(number).map(Ticket::getId).ifPresent(id -> clocks.catchUp(id, now));
        }
    }
}
