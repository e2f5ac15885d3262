package io.supportflow.automation;

import io.supportflow.common.InvalidInputException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks a rule definition completely; the first problem is thrown as {@link InvalidInputException}. */
public final class RuleValidator {

    static final int MAX_CONDITIONS = 50;
    static final int MAX_ACTIONS = 20;
    static final int MAX_VALUES = 100;
    static final int MAX_VALUE_LENGTH = 500;
    static final int MAX_REGEX_LENGTH = 200;
    static final int MAX_TEXT_LENGTH = 5000;

    static final Set<String> TEXT_FIELDS = Set.of("status", "priority", "category", "channel", "team", "assignee",
            "subject", "description", "requester.email", "requester.name", "organization", "message.text",
            "message.authorType");
    static final Set<String> FIELDS;
    static {
        java.util.HashSet<String> all = new java.util.HashSet<>(TEXT_FIELDS);
        all.add("tags");
        all.add("message.internal");
        all.add("businessHours");
        FIELDS = Set.copyOf(all);
    }
    static final Pattern CUSTOM_FIELD = Pattern.compile("customFields\\.([a-z][a-z0-9_]{0,49})");
    static final Pattern NAME_FORBIDDEN = Pattern.compile("[\\p{Cntrl}<>]");
    static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    static final Pattern AGENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,49}");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z.]+)\\s*}}");
    static final Set<String> PLACEHOLDERS = Set.of("ticket.number", "ticket.subject", "ticket.status",
            "ticket.priority", "ticket.category", "requester.name", "requester.email");

    private RuleValidator() {
    }

    public static void validate(RuleDefinition rule) {
        name(rule.name());
        if (rule.trigger() == null) {
            throw new InvalidInputException("trigger", "is required");
        }
        after(rule.trigger(), rule.after());
        if (rule.conditions().size() > MAX_CONDITIONS) {
            throw new InvalidInputException("conditions", "at most " + MAX_CONDITIONS + " conditions");
        }
        for (int i = 0; i < rule.conditions().size(); i++) {
            condition("conditions[" + i + "]", rule.conditions().get(i));
        }
        if (rule.actions().isEmpty() || rule.actions().size() > MAX_ACTIONS) {
            throw new InvalidInputException("actions", "between 1 and " + MAX_ACTIONS + " actions");
        }
        for (int i = 0; i < rule.actions().size(); i++) {
            action("actions[" + i + "]", rule.actions().get(i));
        }
    }

    static final java.time.Duration MIN_AFTER = java.time.Duration.ofMinutes(1);
    static final java.time.Duration MAX_AFTER = java.time.Duration.ofDays(365);

    /** Time-based triggers need how long (ISO-8601, 1 minute to 365 days); the others take none. */
    static void after(AutomationTrigger trigger, String after) {
        if (!trigger.timeBased()) {
            if (after != null) {
                throw new InvalidInputException("after", "only time-based triggers (STATUS_FOR, UNASSIGNED_FOR) take 'after'");
            }
            return;
        }
        java.time.Duration duration;
        try {
            duration = after == null || after.length() > 30 ? null : java.time.Duration.parse(after);
        } catch (java.time.format.DateTimeParseException e) {
            duration = null;
        }
        if (duration == null || duration.compareTo(MIN_AFTER) < 0 || duration.compareTo(MAX_AFTER) > 0) {
            throw new InvalidInputException("after", "required for " + trigger + ": an ISO-8601 duration from PT1M to P365D, e.g. PT30M or P3D");
        }
    }

    static void name(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("name", "must be 1 to 100 characters");
        }
        if (NAME_FORBIDDEN.matcher(name).find()) {
            throw new InvalidInputException("name", "must not contain control characters or angle brackets");
        }
    }

    static boolean isCustomField(String field) {
        return field != null && CUSTOM_FIELD.matcher(field).matches();
    }

    static void condition(String path, Condition c) {
        if (c == null) {
            throw new InvalidInputException(path, "must not be null");
        }
        String field = c.field();
        boolean custom = isCustomField(field);
        if (field == null || !(FIELDS.contains(field) || custom)) {
            throw new InvalidInputException(path + ".field", "unknown field");
        }
        if (c.operator() == null) {
            throw new InvalidInputException(path + ".operator", "is required");
        }
        List<String> values = c.values();
        if (values.size() > MAX_VALUES) {
            throw new InvalidInputException(path + ".values", "at most " + MAX_VALUES + " values");
        }
        for (String v : values) {
            if (v == null || v.length() > MAX_VALUE_LENGTH || v.indexOf('\0') >= 0) {
                throw new InvalidInputException(path + ".values", "values must be text of at most " + MAX_VALUE_LENGTH + " characters");
            }
        }
        switch (c.operator()) {
            case IS_EMPTY, IS_NOT_EMPTY -> count(path, values, 0, 0);
            case IN, NOT_IN -> count(path, values, 1, MAX_VALUES);
            default -> count(path, values, 1, 1);
        }
        if (field.equals("businessHours")) {
            if (c.operator() != ConditionOperator.EQUALS && c.operator() != ConditionOperator.NOT_EQUALS) {
                throw new InvalidInputException(path + ".operator", "businessHours takes EQUALS or NOT_EQUALS");
            }
            enumValue(path, values, TicketFacts.BUSINESS_HOURS);
            return;
        }
        switch (c.operator()) {
            case MATCHES -> {
                if (!(TEXT_FIELDS.contains(field) || custom || field.equals("tags"))) {
                    throw new InvalidInputException(path + ".operator", "MATCHES applies to text fields only");
                }
                regex(path + ".values", values.get(0));
            }
            case GREATER_THAN, LESS_THAN -> {
                if (field.equals("priority")) {
                    enumValue(path, values, TicketFacts.PRIORITIES);
                } else if (custom) {
                    try {
                        new BigDecimal(values.get(0).trim());
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(path + ".values", "must be a number");
                    }
                } else {
                    throw new InvalidInputException(path + ".operator", "GREATER_THAN and LESS_THAN apply to priority and custom fields only");
                }
            }
            case EQUALS, NOT_EQUALS, IN, NOT_IN -> {
                switch (field) {
                    case "status" -> enumValue(path, values, TicketFacts.STATUSES);
                    case "priority" -> enumValue(path, values, TicketFacts.PRIORITIES);
                    case "channel" -> enumValue(path, values, TicketFacts.CHANNELS);
                    case "message.internal" -> enumValue(path, values, List.of("true", "false"));
                    default -> {
                    }
                }
            }
            case CONTAINS, NOT_CONTAINS -> {
                if (field.equals("message.internal")) {
                    throw new InvalidInputException(path + ".operator", "not applicable to message.internal");
                }
            }
            default -> {
            }
        }
    }

    static Pattern regex(String path, String regex) {
        if (regex.length() > MAX_REGEX_LENGTH) {
            throw new InvalidInputException(path, "a regular expression has at most " + MAX_REGEX_LENGTH + " characters");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException(path, "not a valid regular expression");
        }
    }

    private static void count(String path, List<String> values, int min, int max) {
        if (values.size() < min || values.size() > max) {
            throw new InvalidInputException(path + ".values", min == max ? "exactly " + min + " value(s) for this operator"
                    : "between " + min + " and " + max + " values for this operator");
        }
    }

    private static void enumValue(String path, List<String> values, List<String> allowed) {
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw new InvalidInputException(path + ".values", "allowed: " + String.join(", ", allowed));
            }
        }
    }

    static void action(String path, RuleAction action) {
        if (action == null || action.type() == null) {
            throw new InvalidInputException(path + ".type", "is required");
        }
        Map<String, Object> p = action.params();
        switch (action.type()) {
            case ASSIGN_AGENT -> {
                only(path, p, Set.of("agent"));
                text(path, p, "agent", AGENT);
            }
            case ASSIGN_TEAM -> {
                only(path, p, Set.of("team"));
                text(path, p, "team", CODE);
            }
            case SET_STATUS -> {
                only(path, p, Set.of("status"));
                oneOf(path, p, "status", TicketFacts.STATUSES);
            }
            case SET_PRIORITY -> {
                only(path, p, Set.of("priority"));
                oneOf(path, p, "priority", TicketFacts.PRIORITIES);
            }
            case SET_CATEGORY -> {
                only(path, p, Set.of("category"));
                text(path, p, "category", CODE);
            }
            case ADD_TAGS, REMOVE_TAGS -> {
                only(path, p, Set.of("tags"));
                if (!(p.get("tags") instanceof List<?> tags) || tags.isEmpty() || tags.size() > 20
                        || !tags.stream().allMatch(t -> t instanceof String s && TAG.matcher(s).matches())) {
                    throw new InvalidInputException(path + ".params.tags", "1 to 20 tags of letters, digits, '_', '.', '-' (at most 50 each)");
                }
            }
            case SET_CUSTOM_FIELD -> {
                only(path, p, Set.of("key", "value"));
                if (!(p.get("key") instanceof String key) || !isCustomField("customFields." + key)) {
                    throw new InvalidInputException(path + ".params.key", "a custom field key (lower case, digits, '_')");
                }
                Object value = p.get("value");
                if (!(value == null || value instanceof Boolean || value instanceof Number
                        || value instanceof String s && s.length() <= MAX_VALUE_LENGTH && s.indexOf('\0') < 0)) {
                    throw new InvalidInputException(path + ".params.value", "text (at most " + MAX_VALUE_LENGTH + "), number, boolean or null");
                }
            }
            case ADD_INTERNAL_NOTE -> {
                only(path, p, Set.of("text"));
                longText(path, p, "text");
            }
            case SEND_REPLY -> {
                if (p.containsKey("response")) {
                    only(path, p, Set.of("response", "language"));
                    oneOf(path, p, "response", AutoResponses.RESPONSES);
                    if (p.containsKey("language")) {
                        oneOf(path, p, "language", AutoResponses.LANGUAGES);
                    }
                    return;
                }
                only(path, p, Set.of("template"));
                longText(path, p, "template");
                Matcher m = PLACEHOLDER.matcher((String) p.get("template"));
                while (m.find()) {
                    if (!PLACEHOLDERS.contains(m.group(1))) {
                        throw new InvalidInputException(path + ".params.template", "unknown placeholder; allowed: "
                                + String.join(", ", new java.util.TreeSet<>(PLACEHOLDERS)));
                    }
                }
            }
            case ESCALATE -> {
                only(path, p, Set.of("reason"));
                if (p.containsKey("reason")) {
                    longText(path, p, "reason");
                }
            }
            case NOTIFY -> {
                only(path, p, Set.of("recipients", "message"));
                if (!(p.get("recipients") instanceof List<?> r) || r.isEmpty() || r.size() > 20
                        || !r.stream().allMatch(x -> x instanceof String s && AGENT.matcher(s).matches())) {
                    throw new InvalidInputException(path + ".params.recipients", "1 to 20 agent ids, or \"assignee\" / \"team\"");
                }
                longText(path, p, "message");
            }
            case WEBHOOK -> {
                only(path, p, Set.of("url"));
                webhook(path + ".params.url", p.get("url"));
            }
            case STOP_PROCESSING -> only(path, p, Set.of());
            default -> throw new InvalidInputException(path + ".type", "unknown action");
        }
    }

    static void webhook(String path, Object value) {
        if (!(value instanceof String url) || url.length() > 2000) {
            throw new InvalidInputException(path, "an https URL of at most 2000 characters");
        }
        try {
            URI uri = new URI(url);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawFragment() != null) {
                throw new InvalidInputException(path, "an absolute https URL with a host, no credentials and no fragment");
            }
        } catch (URISyntaxException e) {
            throw new InvalidInputException(path, "not a valid URL");
        }
    }

    private static void only(String path, Map<String, Object> params, Set<String> allowed) {
        for (String key : params.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidInputException(path + ".params", "unknown parameter; allowed: "
                        + (allowed.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(allowed))));
            }
        }
    }

    private static void text(String path, Map<String, Object> p, String key, Pattern pattern) {
        if (!(p.get(key) instanceof String s) || !pattern.matcher(s).matches()) {
            throw new InvalidInputException(path + ".params." + key, "required; must match " + pattern.pattern());
        }
    }

    private static void oneOf(String path, Map<String, Object> p, String key, List<String> allowed) {
        if (!(p.get(key) instanceof String s) || !allowed.contains(s)) {
            throw new InvalidInputException(path + ".params." + key, "allowed: " + String.join(", ", allowed));
        }
    }

    private static void longText(String path, Map<String, Object> p, String key) {
        if (!(p.get(key) instanceof String s) || s.isBlank() || s.length() > MAX_TEXT_LENGTH || s.indexOf('\0') >= 0) {
            throw new InvalidInputException(path + ".params." + key, "required text of at most " + MAX_TEXT_LENGTH + " characters");
        }
    }
}
