package io.supportflow.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a ticket shows of its service levels, provided by the SLA capability (which depends on
 * tickets, never the other way round).
 */
public interface ServiceLevels {

    /**
     * One SLA clock as the ticket's API shows it.
     *
     * @param state RUNNING, PAUSED, FULFILLED, STOPPED, or BREACHED (running past its target)
     * @param elapsed the counted (business or calendar) time so far
     */
    record Clock(String metric, String state, String policy, Duration target, boolean businessHours, Instant startedAt,
                 Instant warnAt, Instant dueAt, Duration elapsed, Duration remaining, Instant pausedSince,
                 Duration pausedTotal, Instant warnedAt, Instant breachedAt, Instant fulfilledAt, int escalationLevel) {
    }

    List<Clock> clocks(long ticketId);

    /** When the answer the customer is waiting for is due (next or first response), for the agent's task. */
    Optional<Instant> responseDue(long ticketId);

    /** For a deployment without the SLA capability. */
    ServiceLevels NONE = new ServiceLevels() {
        @Override
        public List<Clock> clocks(long ticketId) {
            return List.of();
        }

        @Override
        public Optional<Instant> responseDue(long ticketId) {
            return Optional.empty();
        }
    };
}
