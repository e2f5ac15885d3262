package io.supportflow.ticket;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The lifecycle's timers. Durations are given to the BPMN as ISO-8601 strings through the
 * {@code lifecycleTimers} bean, so the diagram reads {@code ${lifecycleTimers.reminderAfter}}.
 */
@ConfigurationProperties("supportflow.lifecycle")
record LifecycleSettings(Duration reminderAfter, Duration closeAfterReminder, Duration closeAfterResolved) {
}
