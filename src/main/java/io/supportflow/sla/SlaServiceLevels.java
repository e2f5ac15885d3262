package io.supportflow.sla;

import io.supportflow.ticket.ServiceLevels;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** The clocks as the ticket's view shows them, and the due date of the agent's task. */
@Component
class SlaServiceLevels implements ServiceLevels {

    private final SlaClockRepository clocks;
    private final SlaClocks service;

    SlaServiceLevels(SlaClockRepository clocks, SlaClocks service) {
        this.clocks = clocks;
        this.service = service;
    }

    @Override
    public List<Clock> clocks(long ticketId) {
        Instant now = ClockUtil.now().toInstant();
        return clocks.findAll(ticketId).stream().map(c -> view(c, now)).toList();
    }

    @Override
    public Optional<Instant> responseDue(long ticketId) {
        return clocks.findAll(ticketId).stream()
                .filter(c -> c.metric != SlaMetric.RESOLUTION && c.running() && c.dueAt != null)
                .map(c -> c.dueAt).min(Instant::compareTo);
    }

    private Clock view(SlaClock c, Instant now) {
        BusinessCalendar calendar = service.calendar(c);
        String state = c.running() && c.breachedAt != null ? "BREACHED" : c.state.name();
        return new Clock(c.metric.name(), state, c.policy, c.target, c.businessHours, c.startedAt, c.warnAt, c.dueAt,
                c.elapsedAt(calendar, now), c.remaining(calendar, now), c.pausedSince,
                c.state == SlaClock.State.PAUSED ? c.paused.plus(java.time.Duration.between(c.pausedSince, now)) : c.paused,
                c.warnedAt, c.breachedAt, c.fulfilledAt, c.escalationLevel);
    }
}
