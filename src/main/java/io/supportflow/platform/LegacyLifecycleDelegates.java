package io.supportflow.platform;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans that TicketLifecycle versions from before the SLA clocks call and the latest version does
 * not. {@link TicketLifecycleUpgrade} moves those instances on at start; this covers a timer that
 * fires before it has (or an instance it could not move), so the job succeeds instead of raising
 * an incident. The SLA clocks record breaches now.
 */
@Configuration(proxyBeanMethods = false)
class LegacyLifecycleDelegates {

    private static final Logger log = LoggerFactory.getLogger(LegacyLifecycleDelegates.class);

    /** The old "Response due" boundary timer's step: nothing left to record, the instance keeps waiting. */
    @Bean
    JavaDelegate recordResponseBreach() {
        return execution -> log.info("Ticket {}: response timer of an older TicketLifecycle version ignored; "
                + "the SLA clocks record breaches", execution.getProcessBusinessKey());
    }
}
