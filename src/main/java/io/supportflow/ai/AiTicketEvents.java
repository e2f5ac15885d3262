package io.supportflow.ai;

import io.supportflow.ticket.Actor;
import io.supportflow.ticket.MessageAdded;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketActivity;
import io.supportflow.ticket.TicketService;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the AI processes from the ticket's events, inside the ticket's own transaction (so a rolled-back ticket
 * leaves no AI job behind) and without calling any AI there: the calls are the processes' asynchronous jobs.
 * <ul>
 *   <li>a customer message: the ticket's first one (its description, before the lifecycle started) starts a
 *   classification, a later one a sentiment assessment and, if the agent answered from the knowledge base, the
 *   customer's feedback on it;</li>
 *   <li>any new message invalidates the cached summary;</li>
 *   <li>routed to a team whose autonomous agent is on: the agent starts.</li>
 * </ul>
 */
@Component
class AiTicketEvents {

    private final RuntimeService runtime;
    private final TicketService tickets;
    private final AiStore store;
    private final AiSettings settings;
    private final AiTeams teams;

    AiTicketEvents(RuntimeService runtime, TicketService tickets, AiStore store, AiSettings settings, AiTeams teams) {
        this.runtime = runtime;
        this.tickets = tickets;
        this.store = store;
        this.settings = settings;
        this.teams = teams;
    }

    @EventListener
    void on(MessageAdded message) {
        if (message.internal() || message.author().type() != Actor.Type.CUSTOMER) {
            store.dropSummary(message.ticketId());
            return;
        }
        Ticket ticket = tickets.findById(message.ticketId()).orElseThrow();
        boolean description = ticket.getProcessInstanceId() == null;
        if (!description) {
            store.dropSummary(message.ticketId()); // a ticket being created has no summary to drop yet
        }
        if (settings.classifyTickets()) {
            Map<String, Object> variables = new HashMap<>();
            variables.put(ClassificationProcess.TICKET_ID, ticket.getId());
            variables.put(ClassificationProcess.TRIGGER, description ? ClassificationProcess.CREATED : ClassificationProcess.CUSTOMER_REPLIED);
            if (!description) {
                variables.put(ClassificationProcess.MESSAGE_ID, message.messageId());
            }
            runtime.startProcessInstanceByKey(ClassificationProcess.KEY, ClassificationProcess.businessKey(ticket.getNumber()), variables);
        }
        if (!description) {
            String text = tickets.findMessage(message.messageId()).map(m -> m.body().text()).orElse("");
            runtime.createMessageCorrelation(KbAnswerProcess.FEEDBACK_MESSAGE)
                    .processInstanceBusinessKey(KbAnswerProcess.businessKey(ticket.getNumber()))
                    .setVariable(KbAnswerProcess.SOLVED, OfflineProvider.saysSolved(text))
                    .correlateAllWithResult();
        }
    }

    @EventListener
    void on(TicketActivity entry) {
        if (!("routed".equals(entry.action()) || "routed_to_fallback".equals(entry.action())) || entry.after() == null) {
            return;
        }
        AiTeams.Setting team = teams.of(entry.after());
        if (!team.autonomousAgent()) {
            return;
        }
        Ticket ticket = tickets.findById(entry.ticketId()).orElseThrow();
        if (runtime.createProcessInstanceQuery().processDefinitionKey(KbAnswerProcess.KEY)
                .processInstanceBusinessKey(KbAnswerProcess.businessKey(ticket.getNumber())).count() > 0) {
            return;
        }
        runtime.startProcessInstanceByKey(KbAnswerProcess.KEY, KbAnswerProcess.businessKey(ticket.getNumber()),
                Map.of(KbAnswerProcess.TICKET_ID, ticket.getId(), KbAnswerProcess.THRESHOLD, team.confidenceThreshold()));
    }
}
