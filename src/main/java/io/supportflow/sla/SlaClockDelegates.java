package io.supportflow.sla;

import io.supportflow.sla.SlaClockWorkflow.Moments;
import io.supportflow.sla.SlaClockWorkflow.Vars;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of processes/sla-clock.bpmn, each a bean named after its element. */
@Configuration(proxyBeanMethods = false)
class SlaClockDelegates {

    @Bean
    JavaDelegate recordSlaWarning(SlaClocks clocks) {
        return execution -> clocks.recordWarning(ticketId(execution), metric(execution), now());
    }

    @Bean
    JavaDelegate recordSlaBreach(SlaClocks clocks) {
        return execution -> announce(execution, clocks.recordBreach(ticketId(execution), metric(execution), now()));
    }

    @Bean
    JavaDelegate escalateSlaBreach(SlaClocks clocks, SlaEscalations escalations) {
        return execution -> announce(execution, clocks.escalate(ticketId(execution), metric(execution),
                execution.getProcessInstanceId(), now(), escalations));
    }

    /** The next escalation level's moment for the gateway and timer that follow; none when the clock stopped. */
    private static void announce(DelegateExecution execution, Moments moments) {
        if (moments == null) {
            execution.setVariables(Moments.noEscalationPending());
        } else {
            execution.setVariables(moments.variables());
        }
    }

    private static long ticketId(DelegateExecution execution) {
        return ((Number) execution.getVariable(Vars.TICKET_ID)).longValue();
    }

    private static SlaMetric metric(DelegateExecution execution) {
        return SlaMetric.valueOf((String) execution.getVariable(Vars.METRIC));
    }

    private static Instant now() {
        return ClockUtil.now().toInstant();
    }
}
