package io.supportflow.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One SLA clock of a ticket. Time counts in the policy's calendar (business or calendar time);
 * the clock only records what it counted up to {@code runningSince}, so pausing, resuming and a
 * new policy all keep the time already counted. Every moment it announces (warning, due,
 * escalation levels) is where a threshold of counted time will be reached, computed from now.
 */
final class SlaClock {

    enum State { RUNNING, PAUSED, FULFILLED, STOPPED }

    final long ticketId;
    final SlaMetric metric;
    final String tenantId;
    String team;
    String priority;
    String policy;
    Duration target;
    boolean businessHours;
    String calendarTeam;
    int warnPercent;
    String escalationText;
    State state;
    Instant startedAt;
    Duration elapsed;
    Instant runningSince;
    Instant pausedSince;
    Duration paused;
    Instant warnAt;
    Instant dueAt;
    Instant warnedAt;
    Instant breachedAt;
    Instant fulfilledAt;
    int escalationLevel;
    int cycle;
    String processInstanceId;

    SlaClock(long ticketId, SlaMetric metric, String tenantId) {
        this.ticketId = ticketId;
        this.metric = metric;
        this.tenantId = tenantId;
    }

    static SlaClock start(long ticketId, SlaMetric metric, String tenantId, String team, String priority, SlaPolicy policy,
            Instant startedAt) {
        SlaClock clock = new SlaClock(ticketId, metric, tenantId);
        clock.team = team;
        clock.priority = priority;
        clock.apply(policy);
        clock.state = State.RUNNING;
        clock.startedAt = startedAt;
        clock.elapsed = Duration.ZERO;
        clock.paused = Duration.ZERO;
        clock.runningSince = startedAt;
        clock.cycle = 1;
        return clock;
    }

    void apply(SlaPolicy policy) {
        this.policy = policy.name();
        this.target = policy.target(metric);
        this.businessHours = policy.businessHours();
        this.calendarTeam = policy.calendarTeam();
        this.warnPercent = policy.warnAtPercent();
        this.escalationText = policy.escalationText();
    }

    List<SlaPolicy.EscalationLevel> escalationLevels() {
        return SlaPolicy.escalation(escalationText);
    }

    boolean running() {
        return state == State.RUNNING;
    }

    boolean active() {
        return state == State.RUNNING || state == State.PAUSED;
    }

    Duration elapsedAt(BusinessCalendar calendar, Instant now) {
        return running() && now.isAfter(runningSince) ? elapsed.plus(calendar.businessTimeBetween(runningSince, now)) : elapsed;
    }

    /** Folds the time counted so far into {@code elapsed}, so the clock can change course at {@code now}. */
    private void checkpoint(BusinessCalendar calendar, Instant now) {
        if (running()) {
            elapsed = elapsedAt(calendar, now);
            runningSince = now;
        }
    }

    /** (Re)computes the announced moments of a running clock from {@code now}. */
    void schedule(BusinessCalendar calendar, Instant now) {
        checkpoint(calendar, now);
        warnAt = momentOf(calendar, warningThreshold(), now);
        if (breachedAt == null) {
            dueAt = momentOf(calendar, target, now);
        }
    }

    /** When the next escalation level is due, or null when every level has been done. */
    Instant nextEscalationAt(BusinessCalendar calendar, Instant now) {
        List<SlaPolicy.EscalationLevel> levels = escalationLevels();
        if (!running() || escalationLevel >= levels.size()) {
            return null;
        }
        checkpoint(calendar, now);
        return momentOf(calendar, target.plus(levels.get(escalationLevel).offset()), now);
    }

    void pause(BusinessCalendar calendar, Instant now) {
        if (!running()) {
            return;
        }
        checkpoint(calendar, now);
        state = State.PAUSED;
        runningSince = null;
        pausedSince = now;
        warnAt = null;
        if (breachedAt == null) {
            dueAt = null;
        }
    }

    void resume(BusinessCalendar calendar, Instant now) {
        if (state != State.PAUSED) {
            return;
        }
        paused = paused.plus(Duration.between(pausedSince, now));
        pausedSince = null;
        state = State.RUNNING;
        runningSince = now;
        schedule(calendar, now);
    }

    void fulfil(BusinessCalendar calendar, Instant now) {
        if (end(State.FULFILLED, calendar, now)) {
            fulfilledAt = now;
        }
    }

    /** A fulfilled resolution clock runs again, with the time it had left, when the ticket is reopened. */
    void reopen(BusinessCalendar calendar, Instant now) {
        if (state != State.FULFILLED) {
            return;
        }
        state = State.RUNNING;
        fulfilledAt = null;
        runningSince = now;
        cycle++;
        schedule(calendar, now);
    }

    /** The ticket ended (closed unresolved, cancelled, merged): the clock no longer counts. */
    void stop(BusinessCalendar calendar, Instant now) {
        end(State.STOPPED, calendar, now);
    }

    private boolean end(State state, BusinessCalendar calendar, Instant now) {
        if (!active()) {
            return false;
        }
        if (this.state == State.PAUSED) {
            paused = paused.plus(Duration.between(pausedSince, now));
        }
        checkpoint(calendar, now);
        this.state = state;
        runningSince = null;
        pausedSince = null;
        warnAt = null;
        return true;
    }

    /** A new cycle of the next-response clock: counting afresh from the customer's message. */
    void restart(SlaPolicy policy, Instant from) {
        apply(policy);
        state = State.RUNNING;
        startedAt = from;
        elapsed = Duration.ZERO;
        paused = Duration.ZERO;
        runningSince = from;
        pausedSince = null;
        warnAt = null;
        dueAt = null;
        warnedAt = null;
        breachedAt = null;
        fulfilledAt = null;
        escalationLevel = 0;
        cycle++;
    }

    /**
     * Counts again, in the same cycle, from another moment: a split moved away the customer
     * message the clock counted from. Warning, breach and escalation levels belong to the old
     * count and are forgotten.
     */
    void recount(Instant from) {
        startedAt = from;
        elapsed = Duration.ZERO;
        runningSince = from;
        warnAt = null;
        dueAt = null;
        warnedAt = null;
        breachedAt = null;
        escalationLevel = 0;
    }

    Duration warningThreshold() {
        return Duration.ofMillis(target.toMillis() * warnPercent / 100);
    }

    Duration remaining(BusinessCalendar calendar, Instant now) {
        return target.minus(elapsedAt(calendar, now));
    }

    /** Where {@code threshold} of counted time is reached if the clock runs on from now; now if already past. */
    private Instant momentOf(BusinessCalendar calendar, Duration threshold, Instant now) {
        Duration left = threshold.minus(elapsed);
        return left.isNegative() || left.isZero() ? now : calendar.addBusinessTime(now, left);
    }
}
