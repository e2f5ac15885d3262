package io.supportflow.automation;

import io.supportflow.ticket.TicketActivity;
import java.util.ArrayList;
import java.util.List;

/**
 * Which triggers an activity-log entry raises. Messages raise MESSAGE_ADDED from
 * {@link io.supportflow.ticket.MessageAdded} instead, so entries such as reply_added raise nothing here.
 */
final class TriggerMapping {

    private TriggerMapping() {
    }

    static List<AutomationTrigger> of(TicketActivity entry) {
        List<AutomationTrigger> triggers = new ArrayList<>();
        switch (entry.action()) {
            case "created" -> triggers.add(AutomationTrigger.TICKET_CREATED);
            case "sla_warning" -> triggers.add(AutomationTrigger.SLA_WARNING);
            case "sla_breached" -> triggers.add(AutomationTrigger.SLA_BREACHED);
            case "changed" -> {
                triggers.add(AutomationTrigger.TICKET_UPDATED);
                if (entry.changed("status")) {
                    triggers.add(AutomationTrigger.STATUS_CHANGED);
                } else if (entry.changed("priority")) {
                    triggers.add(AutomationTrigger.PRIORITY_CHANGED);
                } else if (entry.changed("assignee") && entry.after() != null) {
                    triggers.add(AutomationTrigger.ASSIGNED);
                }
            }
            default -> {
            }
        }
        return triggers;
    }
}
