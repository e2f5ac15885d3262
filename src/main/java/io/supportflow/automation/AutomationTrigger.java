package io.supportflow.automation;

/** What happened to a ticket; every automation rule reacts to exactly one trigger. */
public enum AutomationTrigger {
    TICKET_CREATED, TICKET_UPDATED, STATUS_CHANGED, PRIORITY_CHANGED, MESSAGE_ADDED, ASSIGNED, SLA_WARNING, SLA_BREACHED
}
