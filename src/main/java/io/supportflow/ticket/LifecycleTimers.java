package io.supportflow.ticket;

import org.springframework.stereotype.Component;

/** Timer durations as the BPMN reads them: {@code ${lifecycleTimers.closeAfterResolved}}. */
@Component("lifecycleTimers")
public class LifecycleTimers {

    private final LifecycleSettings settings;

    LifecycleTimers(LifecycleSettings settings) {
        this.settings = settings;
    }

    public String getReminderAfter() {
        return settings.reminderAfter().toString();
    }

    public String getCloseAfterReminder() {
        return settings.closeAfterReminder().toString();
    }

    public String getCloseAfterResolved() {
        return settings.closeAfterResolved().toString();
    }
}
