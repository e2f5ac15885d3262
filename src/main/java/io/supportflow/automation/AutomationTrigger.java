package io.supportflow.automation;

/**
 * What happened to a ticket; every automation rule reacts to exactly one trigger. The time-based ones fire
 * when a state has lasted the rule's {@code after} (a timer in processes/automation-time-trigger.bpmn):
 * STATUS_FOR — the status has not changed for that long; UNASSIGNED_FOR — nobody has been assigned for that long.
 */
public enum AutomationTrigger {
    TICKET_CREATED, TICKET_UPDATED, STATUS_CHANGED, PRIORITY_CHANGED, MESSAGE_ADDED, ASSIGNED, SLA_WARNING, SLA_BREACHED,
    STATUS_FOR, UNASSIGNED_FOR;

    public boolean timeBased() {
        return this == STATUS_FOR || this == UNASSIGNED_FOR;
    }
}
