package io.supportflow.automation;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The conditions of one compiled rule set, as data. Generated DRL calls
 * {@code conditions.test(<ruleId>L, <index>, $ticket, $event)}: only the rule id and the condition's index
 * appear in the DRL, never a value an admin typed. Immutable, so shared by concurrent evaluations.
 *
 * <p>Text comparisons ignore case; tags match when any tag does (NOT_ forms: when none does); MATCHES is a
 * regex find() over at most {@value #MAX_MATCH_INPUT} characters; GREATER_THAN/LESS_THAN compare priority
 * ranks or numbers (a custom field that is not a number never matches).
 */
public final class ConditionMatcher {

    static final int MAX_MATCH_INPUT = 10_000;

    record Compiled(Condition condition, Pattern pattern, BigDecimal number) {
    }

    private final Map<Long, List<Compiled>> byRule;

    ConditionMatcher(Map<Long, List<Compiled>> byRule) {
        this.byRule = Map.copyOf(byRule);
    }

    static List<Compiled> compile(List<Condition> conditions) {
        return conditions.stream().map(c -> {
            Pattern pattern = c.operator() == ConditionOperator.MATCHES ? RuleValidator.regex("values", c.values().get(0)) : null;
            BigDecimal number = null;
            if ((c.operator() == ConditionOperator.GREATER_THAN || c.operator() == ConditionOperator.LESS_THAN)
                    && RuleValidator.isCustomField(c.field())) {
                number = new BigDecimal(c.values().get(0).trim());
            }
            return new Compiled(c, pattern, number);
        }).toList();
    }

    public boolean test(long ruleId, int index, TicketFacts ticket, AutomationEvent event) {
        List<Compiled> conditions = byRule.get(ruleId);
        if (conditions == null || index < 0 || index >= conditions.size()) {
            return false;
        }
        return matches(conditions.get(index), ticket, event);
    }

    static boolean matches(Compiled compiled, TicketFacts t, AutomationEvent e) {
        Condition c = compiled.condition();
        Object actual = value(c.field(), t, e);
        List<String> values = c.values();
        return switch (c.operator()) {
            case EQUALS -> any(actual, v -> equal(v, values.get(0)));
            case NOT_EQUALS -> !any(actual, v -> equal(v, values.get(0)));
            case IN -> any(actual, v -> values.stream().anyMatch(x -> equal(v, x)));
            case NOT_IN -> !any(actual, v -> values.stream().anyMatch(x -> equal(v, x)));
            case CONTAINS -> any(actual, v -> contains(v, values.get(0)));
            case NOT_CONTAINS -> !any(actual, v -> contains(v, values.get(0)));
            case MATCHES -> any(actual, v -> v != null && find(compiled.pattern(), truncate(String.valueOf(v))));
            case IS_EMPTY -> empty(actual);
            case IS_NOT_EMPTY -> !empty(actual);
            case GREATER_THAN -> compare(c.field(), actual, compiled, values.get(0)) > 0;
            case LESS_THAN -> compare(c.field(), actual, compiled, values.get(0)) < 0
                    && compare(c.field(), actual, compiled, values.get(0)) != Integer.MIN_VALUE;
        };
    }

    static Object value(String field, TicketFacts t, AutomationEvent e) {
        MessageFacts m = e == null ? null : e.message();
        return switch (field) {
            case "status" -> t.status();
            case "priority" -> t.priority();
            case "category" -> t.category();
            case "channel" -> t.channel();
            case "team" -> t.team();
            case "assignee" -> t.assignee();
            case "tags" -> t.tags();
            case "subject" -> t.subject();
            case "description" -> t.description();
            case "requester.email" -> t.requesterEmail();
            case "requester.name" -> t.requesterName();
            case "organization" -> t.organization();
            case "businessHours" -> t.businessHours();
            case "message.text" -> m == null ? null : m.text();
            case "message.authorType" -> m == null ? null : m.authorType();
            case "message.internal" -> m == null ? null : m.internal();
            default -> field.startsWith("customFields.") ? t.customFields().get(field.substring("customFields.".length())) : null;
        };
    }

    private static boolean any(Object actual, java.util.function.Predicate<Object> test) {
        if (actual instanceof Collection<?> collection) {
            return collection.stream().anyMatch(test);
        }
        return test.test(actual);
    }

    private static boolean equal(Object actual, String expected) {
        if (actual == null) {
            return false;
        }
        if (actual instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).compareTo(new BigDecimal(expected.trim())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return String.valueOf(actual).equalsIgnoreCase(expected);
    }

    private static boolean contains(Object actual, String expected) {
        return actual != null && String.valueOf(actual).toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT));
    }

    private static boolean empty(Object actual) {
        return actual == null || actual instanceof String s && s.isBlank() || actual instanceof Collection<?> c && c.isEmpty();
    }

    /** Sign of actual - expected; Integer.MIN_VALUE when not comparable (then neither GREATER nor LESS holds). */
    private static int compare(String field, Object actual, Compiled compiled, String expected) {
        if (field.equals("priority")) {
            int rank = TicketFacts.PRIORITIES.indexOf(actual) + 1;
            return rank == 0 ? Integer.MIN_VALUE : Integer.compare(rank, TicketFacts.PRIORITIES.indexOf(expected) + 1);
        }
        BigDecimal number;
        try {
            number = actual instanceof Number n ? new BigDecimal(n.toString())
                    : actual instanceof String s ? new BigDecimal(s.trim()) : null;
        } catch (NumberFormatException e) {
            number = null;
        }
        return number == null ? Integer.MIN_VALUE : number.compareTo(compiled.number());
    }

    /** A regex that backtracks too much (e.g. (a+)+b) gives up after {@value #MAX_REGEX_STEPS} character reads: no match. */
    static final int MAX_REGEX_STEPS = 1_000_000;

    static boolean find(Pattern pattern, String input) {
        try {
            return pattern.matcher(new BoundedCharSequence(input, new int[] {MAX_REGEX_STEPS})).find();
        } catch (RegexTooExpensive e) {
            log.warn("A MATCHES condition ({}) gave up after {} steps; treated as no match", pattern.pattern().length() > 50
                    ? pattern.pattern().substring(0, 50) + "…" : pattern.pattern(), MAX_REGEX_STEPS);
            return false;
        }
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConditionMatcher.class);

    private static final class RegexTooExpensive extends RuntimeException {
        RegexTooExpensive() {
            super(null, null, false, false);
        }
    }

    /** Counts every character the regex engine reads; the budget is shared with sub-sequences. */
    private record BoundedCharSequence(String text, int[] budget) implements CharSequence {
        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new RegexTooExpensive();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BoundedCharSequence(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static String truncate(String s) {
        return s.length() > MAX_MATCH_INPUT ? s.substring(0, MAX_MATCH_INPUT) : s;
    }
}
