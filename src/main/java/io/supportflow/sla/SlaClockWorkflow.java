package io.supportflow.sla;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** The only place that talks to the engine about SLA clocks (processes/sla-clock.bpmn). */
@Component
class SlaClockWorkflow {

    static final String PROCESS_KEY = "SlaClock";

    static final class Messages {
        static final String PAUSED = "SlaClockPaused";
        static final String RESUMED = "SlaClockResumed";
        static final String STOPPED = "SlaClockStopped";
        static final String TARGETS_CHANGED = "SlaTargetsChanged";

        private Messages() {
        }
    }

    static final class Vars {
        static final String TICKET_ID = "ticketId";
        static final String METRIC = "metric";
        static final String WARN_AT = "warnAt";
        static final String DUE_AT = "dueAt";
        static final String NEXT_ESCALATION_AT = "nextEscalationAt";
        static final String ESCALATION_PENDING = "escalationPending";

        private Vars() {
        }
    }

    /**
     * The moments a running clock announces to its timers. They are transient variables: the
     * timers and the gateway read them in the same transaction that sets them (start, resume,
     * new targets, breach, escalation), the timer jobs keep their due dates, and the sla_clock row
     * keeps the moments themselves. Storing them as well cost 8 variable rows and 8 history rows
     * per ticket (see src/bench/HISTORY.md).
     */
    record Moments(Instant warnAt, Instant dueAt, Instant nextEscalationAt) {

        VariableMap variables() {
            return Variables.createVariables()
                    .putValueTyped(Vars.WARN_AT, Variables.dateValue(Date.from(warnAt), true))
                    .putValueTyped(Vars.DUE_AT, Variables.dateValue(Date.from(dueAt), true))
                    .putValueTyped(Vars.NEXT_ESCALATION_AT,
                            Variables.dateValue(nextEscalationAt == null ? null : Date.from(nextEscalationAt), true))
                    .putValueTyped(Vars.ESCALATION_PENDING, Variables.booleanValue(nextEscalationAt != null, true));
        }

        /** When no escalation level is left: only the gateway's answer. */
        static VariableMap noEscalationPending() {
            return Variables.createVariables().putValueTyped(Vars.ESCALATION_PENDING, Variables.booleanValue(false, true));
        }
    }

    private final RuntimeService runtime;

    SlaClockWorkflow(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /**
     * The business key is {@code <ticket number>:<metric>} (e.g. {@code SUP-2026-000042:RESOLUTION}):
     * Cockpit finds a ticket's clocks by the number, and the number alone stays the ticket process's.
     */
    String start(SlaClock clock, String ticketNumber, Moments moments) {
        return EngineCalls.withoutAuthorization(() -> runtime.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(businessKey(ticketNumber, clock.metric))
                .setVariables(moments.variables()
                        .putValue(Vars.TICKET_ID, clock.ticketId)
                        .putValue(Vars.METRIC, clock.metric.name()))
                .execute().getId());
    }

    static String businessKey(String ticketNumber, SlaMetric metric) {
        return ticketNumber + ":" + metric.name();
    }

    boolean paused(SlaClock clock) {
        return correlate(clock, Messages.PAUSED, Variables.createVariables());
    }

    boolean resumed(SlaClock clock, Moments moments) {
        return correlate(clock, Messages.RESUMED, moments.variables());
    }

    boolean targetsChanged(SlaClock clock, Moments moments) {
        return correlate(clock, Messages.TARGETS_CHANGED, moments.variables());
    }

    void stopped(SlaClock clock) {
        correlate(clock, Messages.STOPPED, Variables.createVariables());
    }

    /** False when the clock's instance no longer waits for this message (e.g. it ended after its last level). */
    private boolean correlate(SlaClock clock, String message, VariableMap variables) {
        if (clock.processInstanceId == null) {
            return false;
        }
        return EngineCalls.withoutAuthorization(() -> !runtime.createMessageCorrelation(message)
                .processInstanceId(clock.processInstanceId)
                .setVariables(variables)
                .correlateAllWithResult().isEmpty());
    }
}
