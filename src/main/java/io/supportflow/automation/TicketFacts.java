package io.supportflow.automation;

import java.util.List;
import java.util.Map;

/**
 * The ticket as automation rules see it: plain values, no entity. Enum values are their names
 * (status "OPEN", priority "HIGH", channel "EMAIL"); this package does not depend on the ticket
 * package, so that the ticket package can call the engine without a cycle.
 *
 * @param insideBusinessHours whether the ticket's team is open at the moment of the evaluation (its SLA
 *                            business calendar, see io.supportflow.sla.BusinessCalendars); null when unknown,
 *                            then neither "inside" nor "outside" holds
 * @param language            the ticket's language (ISO 639-1), the default of auto-responses; null when unknown
 */
public record TicketFacts(String number, String status, String priority, String category, String channel, String team,
        String assignee, List<String> tags, String subject, String description, String requesterEmail,
        String requesterName, String organization, Map<String, Object> customFields, Boolean insideBusinessHours,
        String language) {

    public TicketFacts(String number, String status, String priority, String category, String channel, String team,
            String assignee, List<String> tags, String subject, String description, String requesterEmail,
            String requesterName, String organization, Map<String, Object> customFields, Boolean insideBusinessHours) {
        this(number, status, priority, category, channel, team, assignee, tags, subject, description, requesterEmail,
                requesterName, organization, customFields, insideBusinessHours, null);
    }

    public TicketFacts(String number, String status, String priority, String category, String channel, String team,
            String assignee, List<String> tags, String subject, String description, String requesterEmail,
            String requesterName, String organization, Map<String, Object> customFields) {
        this(number, status, priority, category, channel, team, assignee, tags, subject, description, requesterEmail,
                requesterName, organization, customFields, null);
    }

    public TicketFacts {
        tags = tags == null ? List.of() : List.copyOf(tags);
        customFields = customFields == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(customFields));
    }

    /** Rank of the priority (LOW 1 … CRITICAL 5), 0 when unknown; the same ranks as the ticket's Priority. */
    public int priorityRank() {
        return PRIORITIES.indexOf(priority) + 1;
    }

    /** Priority names in rank order, mirroring io.supportflow.ticket.Priority. */
    public static final List<String> PRIORITIES = List.of("LOW", "MEDIUM", "HIGH", "URGENT", "CRITICAL");

    /** Status names, mirroring io.supportflow.ticket.TicketStatus. */
    public static final List<String> STATUSES = List.of("NEW", "OPEN", "IN_PROGRESS", "WAITING_ON_CUSTOMER",
            "WAITING_ON_THIRD_PARTY", "RESOLVED", "CLOSED", "CANCELLED");

    /** Channel names, mirroring io.supportflow.ticket.Channel. */
    public static final List<String> CHANNELS = List.of("API", "EMAIL", "WEB_FORM", "PORTAL", "CHAT", "PHONE");

    /** For DRL authors: the subject and description in one lower-case text. */
    public String text() {
        return ((subject == null ? "" : subject) + "\n" + (description == null ? "" : description)).toLowerCase(java.util.Locale.ROOT);
    }

    /** The condition field "businessHours": "inside", "outside", or null when unknown. */
    public String businessHours() {
        return insideBusinessHours == null ? null : insideBusinessHours ? BUSINESS_HOURS.get(0) : BUSINESS_HOURS.get(1);
    }

    /** Values of the condition field "businessHours". */
    public static final List<String> BUSINESS_HOURS = List.of("inside", "outside");

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }
}
