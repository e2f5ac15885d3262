package io.supportflow.automation;

import io.supportflow.ticket.Actor;
import io.supportflow.ticket.MessageAdded;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketActivity;
import io.supportflow.ticket.TicketService;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the automation rules on tickets. Activity and message events arrive in the middle of a ticket
 * operation, so they are only collected, per transaction; just before the commit (when row and process
 * agree again) they are evaluated in order against the ticket as it is then, and the actions applied
 * through the ticket service. Events those actions raise join the same queue, one level deeper in the
 * chain and without the rule that caused them; at {@link AutomationEngine#MAX_CHAIN_DEPTH} the chain stops
 * and the activity log says so.
 *
 * <p>Each action runs in a savepoint: an action the ticket service refuses (an agent outside the team, a
 * status the workflow does not allow) is rolled back alone and logged as {@code rule_action_failed}; the
 * operation that triggered the rule still commits.
 *
 * <p>Rules act as the system: the engine's authentication of the user whose request raised the event is
 * lifted while they run.
 *
 * <p>Spring calls no synchronization registered during beforeCommit, so this drains its own queue there,
 * and runs last ({@link Ordered#LOWEST_PRECEDENCE}): events that other before-commit work raises after the
 * drain are evaluated at once.
 */
@Component
class AutomationDispatcher {

    /** A runaway transaction (a bug, not a rule chain, which the depth bounds) stops here. */
    static final int MAX_EVENTS_PER_TRANSACTION = 1000;
    static final Actor AUTOMATION = Actor.system("automation", "Automation rules");

    private static final Logger log = LoggerFactory.getLogger(AutomationDispatcher.class);

    /** @param onlyRuleId a time-based rule whose timer fired: only its actions apply */
    private record Pending(long ticketId, AutomationTrigger trigger, Long messageId, String authorType,
            boolean internal, String causedByRuleId, int depth, String onlyRuleId) {
    }

    private record Cause(String ruleId, int depth) {
    }

    private final AutomationEngine engine;
    private final TicketService tickets;
    private final TicketFactsSource facts;
    private final RuleActions actions;
    private final TransactionTemplate savepoint;
    private final IdentityService identity;
    private final TimeTriggers timeTriggers;

    AutomationDispatcher(AutomationEngine engine, TicketService tickets, TicketFactsSource facts, RuleActions actions,
            PlatformTransactionManager transactions, IdentityService identity, TimeTriggers timeTriggers) {
        this.identity = identity;
        this.timeTriggers = timeTriggers;
        this.engine = engine;
        this.tickets = tickets;
        this.facts = facts;
        this.actions = actions;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @EventListener
    void on(TicketActivity entry) {
        List<AutomationTrigger> triggers = TriggerMapping.of(entry);
        if (triggers.isEmpty()) {
            return;
        }
        Batch batch = batch();
        if ("created".equals(entry.action())) {
            batch.created.add(entry.ticketId());
            batch.restart(entry.ticketId(), AutomationTrigger.STATUS_FOR);
            batch.restart(entry.ticketId(), AutomationTrigger.UNASSIGNED_FOR);
        } else if (entry.changed("status")) {
            batch.restart(entry.ticketId(), AutomationTrigger.STATUS_FOR);
        } else if (entry.changed("assignee")) {
            batch.restart(entry.ticketId(), AutomationTrigger.UNASSIGNED_FOR);
        }
        for (AutomationTrigger trigger : triggers) {
            if (trigger == AutomationTrigger.TICKET_UPDATED && batch.created.contains(entry.ticketId())) {
                continue;
            }
            batch.add(entry.ticketId(), trigger, null, null, false, null);
        }
    }

    /** A time-based rule's timer fired and its condition still holds: apply its actions before the commit. */
    void fire(long ticketId, AutomationTrigger trigger, String ruleId) {
        batch().add(ticketId, trigger, null, null, false, ruleId);
    }

    @EventListener
    void on(MessageAdded message) {
        Batch batch = batch();
        // a new ticket's description is its first message: that is ticket.created, not message.added
        if (batch.created.contains(message.ticketId()) && batch.descriptions.add(message.ticketId())) {
            return;
        }
        batch.add(message.ticketId(), AutomationTrigger.MESSAGE_ADDED, message.messageId(), message.author().type().name(),
                message.internal(), null);
    }

    private Batch batch() {
        Batch batch = (Batch) TransactionSynchronizationManager.getResource(this);
        if (batch == null) {
            batch = new Batch();
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.bindResource(this, batch);
                TransactionSynchronizationManager.registerSynchronization(batch);
            } else {
                batch.committing = true;
            }
        }
        return batch;
    }

    /** The events of one transaction. */
    private final class Batch implements TransactionSynchronization {

        final Deque<Pending> queue = new ArrayDeque<>();
        final Set<Long> created = new HashSet<>();
        final Set<Long> descriptions = new HashSet<>();
        /** Tickets whose status or assignee changed: their time-based rules' timers restart after the events. */
        final Map<Long, java.util.EnumSet<AutomationTrigger>> restarts = new LinkedHashMap<>();
        Cause cause;
        boolean committing;
        boolean draining;
        int processed;

        void restart(long ticketId, AutomationTrigger trigger) {
            restarts.computeIfAbsent(ticketId, id -> java.util.EnumSet.noneOf(AutomationTrigger.class)).add(trigger);
        }

        void add(long ticketId, AutomationTrigger trigger, Long messageId, String authorType, boolean internal, String onlyRuleId) {
            Pending pending = new Pending(ticketId, trigger, messageId, authorType, internal,
                    cause == null ? null : cause.ruleId(), cause == null ? 0 : cause.depth() + 1, onlyRuleId);
            if (messageId == null && queue.contains(pending)) {
                return;
            }
            queue.add(pending);
            if (committing && !draining) {
                drain(this);
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            committing = true;
            drain(this);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AutomationDispatcher.this);
        }
    }

    /** Rules act as the system, not as the agent whose request raised the event (who may not see the team or the task). */
    private void drain(Batch batch) {
        batch.draining = true;
        Authentication user = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            while (!batch.queue.isEmpty()) {
                Pending next = batch.queue.poll();
                if (++batch.processed > MAX_EVENTS_PER_TRANSACTION) {
                    log.error("More than {} automation events in one transaction; the rest ({}) is not evaluated",
                            MAX_EVENTS_PER_TRANSACTION, batch.queue.size() + 1);
                    batch.queue.clear();
                    return;
                }
                evaluate(batch, next);
            }
            restartTimers(batch);
        } finally {
            batch.draining = false;
            if (user != null) {
                identity.setAuthentication(user);
            }
        }
    }

    private void evaluate(Batch batch, Pending pending) {
        Optional<Ticket> ticket = tickets.findById(pending.ticketId());
        if (ticket.isEmpty()) {
            return;
        }
        TicketFacts ticketFacts = facts.of(ticket.get());
        MessageFacts message = pending.messageId() == null ? null : new MessageFacts(
                tickets.findMessage(pending.messageId()).map(m -> m.body().text()).orElse(""), pending.authorType(), pending.internal());
        AutomationEvent event = new AutomationEvent(pending.trigger(), message, pending.causedByRuleId(), pending.depth());
        if (event.depth() >= AutomationEngine.MAX_CHAIN_DEPTH) {
            reportStoppedChain(pending, ticketFacts, event);
            return;
        }
        List<PlannedAction> planned;
        try {
            planned = engine.evaluate(ticketFacts, event);
        } catch (RuntimeException e) {
            log.error("Automation rules failed on {} for {}", pending.trigger(), ticketFacts.number(), e);
            return;
        }
        Map<String, List<PlannedAction>> byRule = planned.stream()
                .filter(a -> pending.onlyRuleId() == null || pending.onlyRuleId().equals(a.ruleId()))
                .collect(Collectors.groupingBy(PlannedAction::ruleId, LinkedHashMap::new, Collectors.toList()));
        for (List<PlannedAction> ruleActions : byRule.values()) {
            PlannedAction first = ruleActions.get(0);
            Actor rule = Actor.system("rule:" + first.ruleId(), first.ruleName());
            tickets.recordActivity(pending.ticketId(), rule, "rule_fired", "rule", pending.trigger().name(), first.ruleName());
            for (PlannedAction action : ruleActions) {
                apply(batch, pending, action, rule, event.depth());
            }
        }
    }

    private void apply(Batch batch, Pending pending, PlannedAction action, Actor rule, int depth) {
        int queued = batch.queue.size();
        batch.cause = new Cause(action.ruleId(), depth);
        try {
            savepoint.executeWithoutResult(status -> actions.apply(pending.ticketId(), action, rule));
        } catch (RuntimeException e) {
            while (batch.queue.size() > queued) {
                batch.queue.pollLast();
            }
            batch.cause = null;
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.info("Rule {} could not {} on ticket {}: {}", rule.name(), action.action(), pending.ticketId(), reason);
            tickets.recordActivity(pending.ticketId(), rule, "rule_action_failed", action.action().name(), null,
                    reason.length() > 500 ? reason.substring(0, 500) : reason);
        } finally {
            batch.cause = null;
        }
    }

    private void restartTimers(Batch batch) {
        Map<Long, java.util.EnumSet<AutomationTrigger>> due = new LinkedHashMap<>(batch.restarts);
        batch.restarts.clear();
        due.forEach((ticketId, triggers) -> triggers.forEach(trigger -> {
            try {
                savepoint.executeWithoutResult(status -> timeTriggers.restart(ticketId, trigger));
            } catch (RuntimeException e) {
                log.error("Timers of {} rules could not be restarted for ticket {}", trigger, ticketId, e);
            }
        }));
    }

    /** The bound stopped a chain: say which rules would have run, so that nobody wonders why they did not. */
    private void reportStoppedChain(Pending pending, TicketFacts ticketFacts, AutomationEvent event) {
        AutomationEvent unbounded = new AutomationEvent(event.trigger(), event.message(), event.causedByRuleId(), 0);
        List<ActionPlan.MatchedRule> wouldRun = engine.dryRun(ticketFacts, unbounded).matchedRules();
        if (!wouldRun.isEmpty()) {
            String names = wouldRun.stream().map(ActionPlan.MatchedRule::ruleName).collect(Collectors.joining(", "));
            log.info("Automation chain on {} stopped at depth {}: {} not run for {}", ticketFacts.number(), event.depth(),
                    names, event.trigger());
            tickets.recordActivity(pending.ticketId(), AUTOMATION, "rule_chain_stopped", "rule", event.trigger().name(),
                    names.length() > 1000 ? names.substring(0, 1000) : names);
        }
    }
}
