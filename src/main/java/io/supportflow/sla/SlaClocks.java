package io.supportflow.sla;

import io.supportflow.customer.CustomerDirectory;
import io.supportflow.sla.SlaClockWorkflow.Moments;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketActivity;
import io.supportflow.ticket.TicketReader;
import io.supportflow.ticket.TicketService;
import io.supportflow.ticket.TicketStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Moves a ticket's SLA clocks as the ticket changes, inside the transaction that changed it: the
 * ticket's activity stream is the input, each clock's SlaClock process instance the output.
 */
@Service
class SlaClocks {

    private static final Set<SlaMetric> RESPONSES = EnumSet.of(SlaMetric.FIRST_RESPONSE, SlaMetric.NEXT_RESPONSE);

    /** The clock instance whose delegate is running on this thread: it refreshes its own timers. */
    private static final ThreadLocal<String> EXECUTING = new ThreadLocal<>();

    private final SlaClockRepository clocks;
    private final SlaClockWorkflow workflow;
    private final SlaPolicies policies;
    private final BusinessCalendars calendars;
    private final TicketService tickets;
    private final CustomerDirectory customers;
    private final SlaSettings settings;
    private final TicketReader conversations;

    /**
     * How a ticket split off another starts its first-response clock, from the split until the
     * new ticket is routed moments later in the same transaction (its clocks start then).
     */
    private final Map<Long, SplitStart> splitStarts = new ConcurrentHashMap<>();

    private record SplitStart(Instant awaitingSince, boolean answered) {
    }

    SlaClocks(SlaClockRepository clocks, SlaClockWorkflow workflow, SlaPolicies policies, BusinessCalendars calendars,
            TicketService tickets, CustomerDirectory customers, SlaSettings settings, TicketReader conversations) {
        this.clocks = clocks;
        this.workflow = workflow;
        this.policies = policies;
        this.calendars = calendars;
        this.tickets = tickets;
        this.customers = customers;
        this.settings = settings;
        this.conversations = conversations;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(TicketActivity event) {
        switch (event.action()) {
            case "routed", "routed_to_fallback" -> startClocks(event.ticketId(), event.at());
            case "reply_added" -> {
                if (event.actor().type() == Actor.Type.AGENT) {
                    fulfil(event.ticketId(), RESPONSES, event.at());
                }
            }
            case "customer_replied" -> startNextResponse(event.ticketId(), event.at());
            case "split_from" -> split(event.ticketId(), event.after(), event.at());
            case "changed" -> {
                switch (event.field()) {
                    case "status" -> statusChanged(event.ticketId(), TicketStatus.valueOf(event.before()),
                            TicketStatus.valueOf(event.after()), event.at());
                    case "priority", "team" -> retarget(event.ticketId(), event.at());
                    default -> { }
                }
            }
            default -> { }
        }
    }

    private void startClocks(long ticketId, Instant now) {
        if (!clocks.lockAll(ticketId).isEmpty()) {
            return;
        }
        Ticket ticket = tickets.findById(ticketId).orElseThrow();
        SlaPolicy policy = policies.choose(facts(ticket));
        SplitStart split = splitStarts.remove(ticketId);
        BusinessCalendar calendar = null; // both clocks share the policy, so they share the calendar: one lookup
        for (SlaMetric metric : List.of(SlaMetric.FIRST_RESPONSE, SlaMetric.RESOLUTION)) {
            boolean firstResponse = metric == SlaMetric.FIRST_RESPONSE;
            Instant from = firstResponse && split != null && split.awaitingSince() != null
                    ? split.awaitingSince() : ticket.getCreatedAt();
            SlaClock clock = SlaClock.start(ticketId, metric, ticket.getTenantId(), ticket.getTeam(),
                    ticket.getPriority().name(), policy, from);
            calendar = calendar != null ? calendar : calendar(clock);
            if (firstResponse && split != null && split.answered()) {
                clock.fulfil(calendar, now); // the customer already has the answer: nothing to count, no instance
                clocks.save(clock);
            } else {
                run(clock, ticket.getNumber(), calendar, now);
            }
        }
    }

    /**
     * Messages moved from the original ticket into a new one. The original's next-response clock
     * follows the customer messages still waiting there: it stops when none is left and counts
     * from the oldest one left otherwise. The new ticket, routed next, counts its first response
     * from the oldest waiting message it received, or has it fulfilled when all were answered.
     */
    private void split(long splitTicketId, String originalNumber, Instant now) {
        Ticket original = tickets.findByNumber(originalNumber).orElseThrow();
        UnansweredMessages conversation = UnansweredMessages.of(conversations.messages(original.getId(), false),
                conversations.messages(splitTicketId, false));
        splitStarts.put(splitTicketId, new SplitStart(conversation.splitAwaitingSince().orElse(null), conversation.splitAnswered()));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                splitStarts.remove(splitTicketId);
            }
        });
        SlaClock next = clocks.lock(original.getId(), SlaMetric.NEXT_RESPONSE).orElse(null);
        if (next == null || !next.active()) {
            return;
        }
        BusinessCalendar calendar = calendar(next);
        Instant awaitingSince = conversation.originalAwaitingSince().orElse(null);
        if (awaitingSince == null) {
            next.stop(calendar, now);
            clocks.save(next);
            workflow.stopped(next);
        } else if (next.running() && !awaitingSince.equals(next.startedAt)) {
            next.recount(awaitingSince);
            next.schedule(calendar, now);
            Moments moments = moments(next, calendar, now);
            if (!workflow.targetsChanged(next, moments)) {
                restartInstance(next, moments);
            }
            clocks.save(next);
        }
    }

    private void startNextResponse(long ticketId, Instant now) {
        List<SlaClock> all = clocks.lockAll(ticketId);
        boolean firstResponded = all.stream().anyMatch(c -> c.metric == SlaMetric.FIRST_RESPONSE && c.state == SlaClock.State.FULFILLED);
        SlaClock next = find(all, SlaMetric.NEXT_RESPONSE);
        if (!firstResponded || (next != null && next.active())) {
            return; // no next response before the first; a running one counts from the oldest unanswered message
        }
        Ticket ticket = tickets.findById(ticketId).orElseThrow();
        SlaPolicy policy = policies.choose(facts(ticket));
        if (next == null) {
            next = SlaClock.start(ticketId, SlaMetric.NEXT_RESPONSE, ticket.getTenantId(), ticket.getTeam(),
                    ticket.getPriority().name(), policy, now);
        } else {
            next.team = ticket.getTeam();
            next.priority = ticket.getPriority().name();
            next.restart(policy, now);
        }
        run(next, ticket.getNumber(), calendar(next), now);
    }

    private void statusChanged(long ticketId, TicketStatus before, TicketStatus after, Instant now) {
        if (after.ended()) {
            for (SlaClock clock : clocks.lockAll(ticketId)) {
                if (clock.active()) {
                    clock.stop(calendar(clock), now);
                    clocks.save(clock);
                    workflow.stopped(clock);
                }
            }
            return;
        }
        if (after == TicketStatus.RESOLVED) {
            fulfil(ticketId, EnumSet.allOf(SlaMetric.class), now);
            return;
        }
        if (before == TicketStatus.RESOLVED) {
            reopen(ticketId, now);
        }
        boolean pause = settings.pauseOn().contains(after);
        for (SlaClock clock : clocks.lockAll(ticketId)) {
            BusinessCalendar calendar = calendar(clock);
            if (pause && clock.running()) {
                clock.pause(calendar, now);
                clocks.save(clock);
                workflow.paused(clock);
            } else if (!pause && clock.state == SlaClock.State.PAUSED) {
                clock.resume(calendar, now);
                Moments moments = moments(clock, calendar, now);
                if (!workflow.resumed(clock, moments)) {
                    restartInstance(clock, moments);
                }
                clocks.save(clock);
            }
        }
    }

    private void reopen(long ticketId, Instant now) {
        SlaClock resolution = clocks.lock(ticketId, SlaMetric.RESOLUTION).orElse(null);
        if (resolution == null || resolution.state != SlaClock.State.FULFILLED) {
            return;
        }
        BusinessCalendar calendar = calendar(resolution);
        resolution.reopen(calendar, now);
        restartInstance(resolution, moments(resolution, calendar, now));
        clocks.save(resolution);
    }

    private void fulfil(long ticketId, Set<SlaMetric> metrics, Instant now) {
        for (SlaClock clock : clocks.lockAll(ticketId)) {
            if (metrics.contains(clock.metric) && clock.active()) {
                clock.fulfil(calendar(clock), now);
                clocks.save(clock);
                workflow.stopped(clock);
            }
        }
    }

    /** New priority or team: the policy is chosen again and applies to the time already counted. */
    private void retarget(long ticketId, Instant now) {
        List<SlaClock> all = clocks.lockAll(ticketId);
        if (all.isEmpty()) {
            return;
        }
        Ticket ticket = tickets.findById(ticketId).orElseThrow();
        SlaPolicy policy = policies.choose(facts(ticket));
        for (SlaClock clock : all) {
            if (!clock.active()) {
                continue;
            }
            clock.team = ticket.getTeam();
            clock.priority = ticket.getPriority().name();
            clock.apply(policy);
            if (clock.running()) {
                BusinessCalendar calendar = calendar(clock);
                clock.schedule(calendar, now);
                Moments moments = moments(clock, calendar, now);
                if (!clock.processInstanceId.equals(EXECUTING.get()) && !workflow.targetsChanged(clock, moments)) {
                    restartInstance(clock, moments);
                }
            }
            clocks.save(clock);
        }
    }

    /**
     * Clocks for a ticket that has none because it was created before they existed (its process
     * just moved to the latest lifecycle version): counted from its creation under today's policy,
     * as if they had run all along. What already happened is met at its time (the first answer,
     * the resolution); a target already past is due at once, so an overdue ticket breaches and
     * escalates as its policy says.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void catchUp(long ticketId, Instant now) {
        if (!clocks.lockAll(ticketId).isEmpty()) {
            return;
        }
        Ticket ticket = tickets.findById(ticketId).orElseThrow();
        if (ticket.getStatus().ended() || ticket.getTeam() == null) {
            return;
        }
        SlaPolicy policy = policies.choose(facts(ticket));
        catchUp(ticket, SlaMetric.FIRST_RESPONSE, policy, ticket.getCreatedAt(), ticket.getFirstRespondedAt(), now);
        Instant resolvedAt = ticket.getStatus() != TicketStatus.RESOLVED ? null
                : ticket.getResolvedAt() != null ? ticket.getResolvedAt() : now;
        catchUp(ticket, SlaMetric.RESOLUTION, policy, ticket.getCreatedAt(), resolvedAt, now);
        if (ticket.getFirstRespondedAt() != null) {
            UnansweredMessages.awaitingSince(conversations.messages(ticketId, false))
                    .ifPresent(since -> catchUp(ticket, SlaMetric.NEXT_RESPONSE, policy, since, null, now));
        }
        if (settings.pauseOn().contains(ticket.getStatus())) {
            for (SlaClock clock : clocks.lockAll(ticketId)) {
                if (clock.running()) {
                    clock.pause(calendar(clock), now);
                    clocks.save(clock);
                    workflow.paused(clock);
                }
            }
        }
    }

    private void catchUp(Ticket ticket, SlaMetric metric, SlaPolicy policy, Instant from, Instant metAt, Instant now) {
        SlaClock clock = SlaClock.start(ticket.getId(), metric, ticket.getTenantId(), ticket.getTeam(),
                ticket.getPriority().name(), policy, from);
        BusinessCalendar calendar = calendar(clock);
        if (metAt != null) {
            clock.fulfil(calendar, metAt);
            clocks.save(clock);
        } else {
            run(clock, ticket.getNumber(), calendar, now);
        }
    }

    // --- called by the SlaClock process's delegates ---------------------------------------------

    /** Records the warning once; false when there was nothing to record. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean recordWarning(long ticketId, SlaMetric metric, Instant now) {
        SlaClock probe = clocks.find(ticketId, metric).orElse(null);
        if (probe == null || !probe.running() || probe.warnedAt != null) {
            return false;
        }
        // the activity entry first: it takes the ticket's row lock before the clock's, as agents' changes do
        tickets.recordActivity(ticketId, Actor.SYSTEM, "sla_warning", metric.name(), null, String.valueOf(probe.dueAt));
        SlaClock clock = clocks.lock(ticketId, metric).orElseThrow();
        clock.warnedAt = now;
        clocks.save(clock);
        return true;
    }

    /** Records the breach once and returns the moment of the first escalation level (null: none). */
    @Transactional(propagation = Propagation.MANDATORY)
    Moments recordBreach(long ticketId, SlaMetric metric, Instant now) {
        SlaClock probe = clocks.find(ticketId, metric).orElse(null);
        if (probe == null || !probe.running()) {
            return null;
        }
        if (probe.breachedAt == null) {
            tickets.recordActivity(ticketId, Actor.SYSTEM, "sla_breached", metric.name(), null, String.valueOf(probe.dueAt));
        }
        SlaClock clock = clocks.lock(ticketId, metric).orElseThrow();
        if (clock.breachedAt == null) {
            clock.breachedAt = now;
        }
        BusinessCalendar calendar = calendar(clock);
        Moments moments = moments(clock, calendar, now);
        clocks.save(clock);
        return moments;
    }

    /**
     * Does the next escalation level of a breached clock and records it once; returns the moments
     * after it (the next level's, if any).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Moments escalate(long ticketId, SlaMetric metric, String processInstanceId, Instant now, SlaEscalations escalations) {
        SlaClock probe = clocks.find(ticketId, metric).orElse(null);
        if (probe == null || !probe.running() || probe.breachedAt == null) {
            return null;
        }
        List<SlaPolicy.EscalationLevel> levels = probe.escalationLevels();
        int level = probe.escalationLevel;
        if (level < levels.size()) {
            EXECUTING.set(processInstanceId);
            try {
                escalations.perform(probe, level + 1, levels.get(level));
            } finally {
                EXECUTING.remove();
            }
        }
        SlaClock clock = clocks.lock(ticketId, metric).orElseThrow();
        if (clock.escalationLevel != level) {
            throw new IllegalStateException("SLA clock " + metric + " of ticket " + ticketId + " was escalated concurrently; retrying");
        }
        clock.escalationLevel = level + 1;
        BusinessCalendar calendar = calendar(clock);
        Moments moments = clock.running() ? moments(clock, calendar, now) : null;
        clocks.save(clock);
        return moments;
    }

    // --- helpers --------------------------------------------------------------------------------

    private void run(SlaClock clock, String ticketNumber, BusinessCalendar calendar, Instant now) {
        clock.schedule(calendar, now);
        clock.processInstanceId = workflow.start(clock, ticketNumber, moments(clock, calendar, now));
        clocks.save(clock);
    }

    private void restartInstance(SlaClock clock, Moments moments) {
        String number = tickets.findById(clock.ticketId).orElseThrow().getNumber();
        clock.processInstanceId = workflow.start(clock, number, moments);
    }

    private Moments moments(SlaClock clock, BusinessCalendar calendar, Instant now) {
        return new Moments(clock.warnAt, clock.dueAt, clock.nextEscalationAt(calendar, now));
    }

    BusinessCalendar calendar(SlaClock clock) {
        if (!clock.businessHours) {
            return BusinessCalendar.CALENDAR_TIME;
        }
        return calendars.forTeam(clock.tenantId, clock.calendarTeam != null ? clock.calendarTeam : clock.team);
    }

    private SlaPolicies.Facts facts(Ticket ticket) {
        String tier = customers.findByEmail(ticket.getTenantId(), ticket.getRequesterEmail())
                .map(CustomerDirectory.KnownCustomer::tier).orElse("STANDARD");
        return new SlaPolicies.Facts(ticket.getPriority().name(), tier, ticket.getTeam(), ticket.getChannel().name());
    }

    private static SlaClock find(List<SlaClock> all, SlaMetric metric) {
        return all.stream().filter(c -> c.metric == metric).findFirst().orElse(null);
    }
}
