package io.supportflow.sla;

import io.supportflow.common.InvalidInputException;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.MessageBody;
import io.supportflow.ticket.Priority;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketCommands;
import io.supportflow.ticket.TicketService;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/** What an escalation level does to the ticket, through the same service as an agent's change. */
@Component
class SlaEscalations {

    static final Actor ESCALATION = Actor.system("sla", "SLA escalation");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final TicketService tickets;

    SlaEscalations(TicketService tickets) {
        this.tickets = tickets;
    }

    void perform(SlaClock clock, int level, SlaPolicy.EscalationLevel actions) {
        Ticket ticket = tickets.findById(clock.ticketId).orElseThrow();
        if (ticket.getStatus().ended()) {
            return;
        }
        if (actions.notifyTeam()) {
            tickets.addMessageById(clock.ticketId, new TicketCommands.NewMessage(
                    "SLA breached: " + describe(clock) + " was due " + (clock.dueAt == null ? "earlier" : UTC.format(clock.dueAt))
                            + " (policy " + clock.policy + "). Escalation level " + level + ".",
                    MessageBody.Format.TEXT, true, null, Actor.Type.AGENT), ESCALATION);
        }
        if (actions.raisePriority() && ticket.getPriority() != Priority.CRITICAL) {
            Priority raised = Priority.values()[ticket.getPriority().ordinal() + 1];
            tickets.updateById(clock.ticketId, TicketCommands.Changes.none().withPriority(raised), ESCALATION);
        }
        if (actions.team() != null && !actions.team().equals(ticket.getTeam())) {
            try {
                tickets.updateById(clock.ticketId, TicketCommands.Changes.none().withTeam(actions.team()), ESCALATION);
            } catch (InvalidInputException unknownTeam) {
                // a policy naming a team that does not exist must not block the other levels
                tickets.recordActivity(clock.ticketId, ESCALATION, "sla_escalation_failed", clock.metric.name(), null,
                        "unknown team " + actions.team());
            }
        }
        tickets.recordActivity(clock.ticketId, ESCALATION, "sla_escalated", clock.metric.name(),
                String.valueOf(level - 1), String.valueOf(level));
    }

    private static String describe(SlaClock clock) {
        return switch (clock.metric) {
            case FIRST_RESPONSE -> "the first response";
            case NEXT_RESPONSE -> "the next response";
            case RESOLUTION -> "the resolution";
        };
    }
}
