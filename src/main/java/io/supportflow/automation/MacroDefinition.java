package io.supportflow.automation;

import java.util.List;

/**
 * A macro: a reply (or internal note) from a template and field changes, applied by an agent in one step.
 *
 * @param body       the message template, with {{ticket.number}}, {{requester.name}}, {{agent.name}} …; optional
 * @param internal   the message is an internal note
 * @param status     the ticket's status afterwards (OPEN, IN_PROGRESS, WAITING_ON_CUSTOMER, WAITING_ON_THIRD_PARTY, RESOLVED)
 * @param addTags    tags to add
 * @param removeTags tags to remove
 */
public record MacroDefinition(String name, String body, Boolean internal, String status, String priority, String category,
        List<String> addTags, List<String> removeTags) {

    public MacroDefinition {
        addTags = addTags == null ? List.of() : List.copyOf(addTags);
        removeTags = removeTags == null ? List.of() : List.copyOf(removeTags);
        internal = Boolean.TRUE.equals(internal);
    }

    static final List<String> STATUSES = List.of("OPEN", "IN_PROGRESS", "WAITING_ON_CUSTOMER", "WAITING_ON_THIRD_PARTY", "RESOLVED");
    static final java.util.Set<String> PLACEHOLDERS;
    static {
        java.util.Set<String> all = new java.util.HashSet<>(RuleValidator.PLACEHOLDERS);
        all.add("agent.name");
        PLACEHOLDERS = java.util.Set.copyOf(all);
    }

    /** Checks everything; the first problem is thrown as InvalidInputException. */
    void validate() {
        RuleValidator.name(name);
        if (body != null) {
            if (body.isBlank() || body.length() > RuleValidator.MAX_TEXT_LENGTH || body.indexOf('\0') >= 0) {
                throw new io.supportflow.common.InvalidInputException("body", "text of at most " + RuleValidator.MAX_TEXT_LENGTH + " characters");
            }
            java.util.regex.Matcher m = RuleValidator.PLACEHOLDER.matcher(body);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    throw new io.supportflow.common.InvalidInputException("body", "unknown placeholder; allowed: "
                            + String.join(", ", new java.util.TreeSet<>(PLACEHOLDERS)));
                }
            }
        }
        if (status != null && !STATUSES.contains(status)) {
            throw new io.supportflow.common.InvalidInputException("status", "allowed: " + String.join(", ", STATUSES));
        }
        if (priority != null && !TicketFacts.PRIORITIES.contains(priority)) {
            throw new io.supportflow.common.InvalidInputException("priority", "allowed: " + String.join(", ", TicketFacts.PRIORITIES));
        }
        if (category != null && !RuleValidator.CODE.matcher(category).matches()) {
            throw new io.supportflow.common.InvalidInputException("category", "a category code");
        }
        tags("addTags", addTags);
        tags("removeTags", removeTags);
        if (body == null && status == null && priority == null && category == null && addTags.isEmpty() && removeTags.isEmpty()) {
            throw new io.supportflow.common.InvalidInputException("body", "a macro writes a message or changes at least one field");
        }
    }

    private static void tags(String field, List<String> tags) {
        if (tags.size() > 20 || !tags.stream().allMatch(t -> t != null && RuleValidator.TAG.matcher(t).matches())) {
            throw new io.supportflow.common.InvalidInputException(field, "at most 20 tags of letters, digits, '_', '.', '-' (at most 50 each)");
        }
    }
}
