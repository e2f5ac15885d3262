package io.supportflow.automation;

import io.supportflow.automation.AutomationTimeTrigger.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of processes/automation-time-trigger.bpmn, beans named after their elements. */
@Configuration(proxyBeanMethods = false)
class TimeTriggerDelegates {

    @Bean
    JavaDelegate checkTimeCondition(TimeTriggers timeTriggers) {
        return execution -> execution.setVariable(Variables.STILL_TRUE, timeTriggers.stillTrue(ticketId(execution),
                (String) execution.getVariable(Variables.RULE_ID), trigger(execution), (String) execution.getVariable(Variables.STATE)));
    }

    @Bean
    JavaDelegate fireTimeRule(AutomationDispatcher dispatcher) {
        return execution -> dispatcher.fire(ticketId(execution), trigger(execution), (String) execution.getVariable(Variables.RULE_ID));
    }

    private static long ticketId(DelegateExecution execution) {
        return ((Number) execution.getVariable(Variables.TICKET_ID)).longValue();
    }

    private static AutomationTrigger trigger(DelegateExecution execution) {
        return AutomationTrigger.valueOf((String) execution.getVariable(Variables.TRIGGER));
    }
}
