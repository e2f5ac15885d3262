package io.supportflow.automation;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Stored rules to DRL, one DRL rule per enabled automation rule:
 *
 * <pre>
 * // automation rule 12 (position 3): Refund requests to billing
 * rule "automation-12"
 *     salience -3
 * when
 *     $event : AutomationEvent( trigger == AutomationTrigger.TICKET_CREATED )
 *     $ticket : TicketFacts( )
 *     eval( conditions.test(12L, 0, $ticket, $event) &amp;&amp; conditions.test(12L, 1, $ticket, $event) )
 * then
 *     plan.matched(12L);
 * end
 * </pre>
 *
 * The package uses the MVEL dialect (no Java compilation per rule: compiling is several times faster).
 * Loop prevention (a rule never acts on an event it caused) and the chain depth are checked in Java by
 * {@link ActionPlan#matched(long)} and {@link AutomationEngine#evaluate}, so that the event pattern is
 * the same for every rule of a trigger and Drools shares (hashes) it.
 *
 * <p>Injection cannot happen by construction: the DRL contains only numbers (id, position, condition index),
 * enum constant names and a comment whose text is the rule name reduced to letters, digits, spaces and
 * {@code _ - . ,}. Condition values, regexes and action parameters stay Java data in
 * {@link ConditionMatcher} and {@link ActionPlan}, keyed by rule id.
 */
final class DrlGenerator {

    static final String PACKAGE = "io.supportflow.automation.generated";

    static final String HEADER = "package " + PACKAGE + ";\n"
            + "dialect \"mvel\"\n\n"
            + "import io.supportflow.automation.AutomationEvent;\n"
            + "import io.supportflow.automation.AutomationTrigger;\n"
            + "import io.supportflow.automation.TicketFacts;\n\n"
            + "global io.supportflow.automation.ConditionMatcher conditions;\n"
            + "global io.supportflow.automation.ActionPlan plan;\n\n";

    private DrlGenerator() {
    }

    static String generate(List<AutomationRule> rules) {
        StringBuilder drl = new StringBuilder(HEADER);
        for (AutomationRule rule : rules) {
            if (rule.enabled()) {
                drl.append(rule(rule)).append('\n');
            }
        }
        return drl.toString();
    }

    static String rule(AutomationRule rule) {
        long id = rule.id();
        String join = rule.match() == MatchMode.ANY ? " || " : " && ";
        String test = IntStream.range(0, rule.conditions().size())
                .mapToObj(i -> "conditions.test(" + id + "L, " + i + ", $ticket, $event)")
                .collect(Collectors.joining(join));
        return "// automation rule " + id + " (position " + rule.position() + "): " + comment(rule.name()) + "\n"
                + "rule \"automation-" + id + "\"\n"
                + "    salience " + (-(long) rule.position()) + "\n"
                + "when\n"
                + "    $event : AutomationEvent( trigger == AutomationTrigger." + rule.trigger().name() + " )\n"
                + "    $ticket : TicketFacts( )\n"
                + (test.isEmpty() ? "" : "    eval( " + test + " )\n")
                + "then\n"
                + "    plan.matched(" + id + "L);\n"
                + "end\n";
    }

    /** Only harmless characters of the name reach the DRL comment; the rest become '?'. */
    static String comment(String name) {
        return name == null ? "" : name.replaceAll("[^A-Za-z0-9 _.,-]", "?");
    }
}
