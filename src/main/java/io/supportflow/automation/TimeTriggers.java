package io.supportflow.automation;

import io.supportflow.automation.AutomationTimeTrigger.Variables;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketService;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The timers of time-based rules, one process instance of {@link AutomationTimeTrigger} per ticket and
 * matching rule. When the ticket's status (STATUS_FOR) or assignee (UNASSIGNED_FOR) changes, the running
 * timers of that kind are deleted and the rules that match now start new ones; when a timer is due, the
 * condition is checked again before the rule fires.
 */
@Component
class TimeTriggers {

    static final String UNASSIGNED = "unassigned";

    private final AutomationEngine engine;
    private final TicketService tickets;
    private final TicketFactsSource facts;
    private final RuntimeService runtime;

    TimeTriggers(AutomationEngine engine, TicketService tickets, TicketFactsSource facts, RuntimeService runtime) {
        this.engine = engine;
        this.tickets = tickets;
        this.facts = facts;
        this.runtime = runtime;
    }

    /** The state of {@code trigger} changed (or the ticket is new): restart its timers. */
    void restart(long ticketId, AutomationTrigger trigger) {
        AutomationEngine.RuleSet rules = engine.current();
        if (rules.rules().values().stream().noneMatch(r -> r.enabled() && r.trigger() == trigger)) {
            return;
        }
        runtime.createProcessInstanceQuery().processDefinitionKey(AutomationTimeTrigger.PROCESS_KEY)
                .variableValueEquals(Variables.TICKET_ID, ticketId).variableValueEquals(Variables.TRIGGER, trigger.name())
                .list().forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "condition no longer true", true));
        Optional<Ticket> ticket = tickets.findById(ticketId);
        if (ticket.isEmpty() || ticket.get().getStatus().ended() || state(ticket.get(), trigger) == null) {
            return;
        }
        TicketFacts now = facts.of(ticket.get());
        for (ActionPlan.MatchedRule matched : engine.dryRun(now, AutomationEvent.of(trigger)).matchedRules()) {
            AutomationRule rule = matched.ruleId().startsWith("drl:") ? null : rules.rules().get(Long.parseLong(matched.ruleId()));
            if (rule == null || rule.after() == null) {
                continue;
            }
            Date due = Date.from(ClockUtil.now().toInstant().plus(Duration.parse(rule.after())));
            runtime.createProcessInstanceByKey(AutomationTimeTrigger.PROCESS_KEY)
                    .businessKey(ticket.get().getNumber())
                    .setVariable(Variables.TICKET_ID, ticketId)
                    .setVariable(Variables.RULE_ID, matched.ruleId())
                    .setVariable(Variables.TRIGGER, trigger.name())
                    .setVariable(Variables.STATE, state(ticket.get(), trigger))
                    .setVariable(Variables.DUE_AT, due)
                    .execute();
        }
    }

    /** The ticket is still in the state the timer started in, open, and the rule still matches it. */
    boolean stillTrue(long ticketId, String ruleId, AutomationTrigger trigger, String state) {
        Optional<Ticket> ticket = tickets.findById(ticketId);
        if (ticket.isEmpty() || ticket.get().getStatus().ended() || !state.equals(state(ticket.get(), trigger))) {
            return false;
        }
        return engine.dryRun(facts.of(ticket.get()), AutomationEvent.of(trigger)).matchedRules().stream()
                .anyMatch(m -> m.ruleId().equals(ruleId));
    }

    /** The state a timer of this kind waits on, or null when the ticket is not in such a state. */
    static String state(Ticket ticket, AutomationTrigger trigger) {
        return switch (trigger) {
            case STATUS_FOR -> ticket.getStatus().name();
            case UNASSIGNED_FOR -> ticket.getAssignee() == null ? UNASSIGNED : null;
            default -> throw new IllegalArgumentException(trigger + " is not time-based");
        };
    }
}
