/**
 * Automation rules (issue #5), engine core: admins' rules (stored in automation_rule, managed under
 * /api/v1/admin/automations) and DRL files under rules/ compiled into one Drools KieBase that is swapped
 * atomically. {@link io.supportflow.automation.AutomationEngine#evaluate} turns a ticket's
 * {@link io.supportflow.automation.TicketFacts} and an {@link io.supportflow.automation.AutomationEvent}
 * into {@link io.supportflow.automation.PlannedAction}s; applying them (through the ticket service, so
 * they are logged and audited) and raising the events is the caller's job — not wired yet.
 * This package depends on common only, so the ticket package can call it without a cycle.
 */
package io.supportflow.automation;
