/**
 * Automation rules (issue #5): admins' rules (stored in automation_rule, managed under
 * /api/v1/admin/automations) and DRL files under rules/ compiled into one Drools KieBase that is swapped
 * atomically. {@link io.supportflow.automation.AutomationEngine#evaluate} turns a ticket's
 * {@link io.supportflow.automation.TicketFacts} and an {@link io.supportflow.automation.AutomationEvent}
 * into {@link io.supportflow.automation.PlannedAction}s. The dispatcher listens to the ticket module's
 * activity and message events, evaluates them just before the commit and applies the actions through the
 * ticket service as {@code Actor.system("rule:<id>", name)}. Depends on ticket; ticket never depends on it.
 */
package io.supportflow.automation;
