package io.supportflow.automation;

import io.supportflow.ticket.Actor;
import io.supportflow.ticket.MessageBody;
import io.supportflow.ticket.Priority;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketCommands.Changes;
import io.supportflow.ticket.TicketCommands.NewMessage;
import io.supportflow.ticket.TicketService;
import io.supportflow.ticket.TicketStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Applies one planned action through the ticket service, as the rule's actor, so that the change is
 * checked and logged exactly like an agent's. Notifications and webhooks have no sender yet: they are
 * recorded in the activity log as requested.
 */
@Component
class RuleActions {

    private final TicketService tickets;

    RuleActions(TicketService tickets) {
        this.tickets = tickets;
    }

    void apply(long ticketId, PlannedAction action, Actor rule) {
        Map<String, Object> p = action.params();
        switch (action.action()) {
            case ASSIGN_AGENT -> update(ticketId, Changes.none().withAssignee((String) p.get("agent")), rule);
            case ASSIGN_TEAM -> update(ticketId, Changes.none().withTeam((String) p.get("team")), rule);
            case SET_STATUS -> update(ticketId, Changes.none().withStatus(TicketStatus.valueOf((String) p.get("status"))), rule);
            case SET_PRIORITY -> update(ticketId, Changes.none().withPriority(Priority.valueOf((String) p.get("priority"))), rule);
            case SET_CATEGORY -> update(ticketId, new Changes(null, (String) p.get("category"), null, null, null, false, null, null), rule);
            case ADD_TAGS, REMOVE_TAGS -> tags(ticketId, action, rule);
            case SET_CUSTOM_FIELD -> {
                Map<String, Object> fields = new HashMap<>();
                fields.put((String) p.get("key"), p.get("value"));
                update(ticketId, new Changes(null, null, null, null, null, false, null, fields), rule);
            }
            case ADD_INTERNAL_NOTE -> message(ticketId, (String) p.get("text"), true, rule);
            case SEND_REPLY -> message(ticketId, (String) p.get("text"), false, rule);
            case ESCALATE -> escalate(ticketId, (String) p.get("reason"), rule);
            case NOTIFY -> tickets.recordActivity(ticketId, rule, "notification_requested", "recipients",
                    null, String.join(",", strings(p.get("recipients"))));
            case WEBHOOK -> tickets.recordActivity(ticketId, rule, "webhook_requested", "url", null, (String) p.get("url"));
            case STOP_PROCESSING -> {
                // planning stopped at this action already; nothing to apply
            }
        }
    }

    private void update(long ticketId, Changes changes, Actor rule) {
        tickets.updateById(ticketId, changes, rule);
    }

    private void tags(long ticketId, PlannedAction action, Actor rule) {
        Ticket ticket = current(ticketId);
        LinkedHashSet<String> tags = new LinkedHashSet<>(ticket.getTags());
        List<String> given = strings(action.params().get("tags")).stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList();
        boolean changed = action.action() == ActionType.ADD_TAGS ? tags.addAll(given) : tags.removeAll(given);
        if (changed) {
            update(ticketId, new Changes(null, null, new ArrayList<>(tags), null, null, false, null, null), rule);
        }
    }

    private void message(long ticketId, String text, boolean internal, Actor rule) {
        tickets.addMessageById(ticketId, new NewMessage(text, MessageBody.Format.TEXT, internal, null, Actor.Type.AGENT), rule);
    }

    /** One priority step up (CRITICAL stays), recorded with the reason. */
    private void escalate(long ticketId, String reason, Actor rule) {
        Priority priority = current(ticketId).getPriority();
        tickets.recordActivity(ticketId, rule, "escalated", "reason", null, reason);
        if (priority != Priority.CRITICAL) {
            update(ticketId, Changes.none().withPriority(Priority.values()[priority.ordinal() + 1]), rule);
        }
    }

    private Ticket current(long ticketId) {
        return tickets.findById(ticketId).orElseThrow(() -> new IllegalStateException("ticket " + ticketId + " is gone"));
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
