package io.supportflow.automation;

import static io.supportflow.automation.ConditionOperator.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Evaluation time per event at 10, 200 and 1,000 stored rules, and compile+swap time. Not part of the
 * normal build; run it alone on a quiet machine:
 * {@code ./mvnw -B -q test -Dtest=AutomationEngineBenchmarkTest -Dbench=true}
 * (figures in target/surefire-reports/io.supportflow.automation.AutomationEngineBenchmarkTest-output.txt).
 * Target: p99 &lt; 1 ms per evaluation at 200 rules.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class AutomationEngineBenchmarkTest {

    static final int WARM_UP = 5_000;
    /** and at least this long, so that the JIT has compiled the hot paths before measuring */
    static final long WARM_UP_NANOS = 3_000_000_000L;
    static final int MEASURED = 20_000;

    static final TicketFacts TICKET = new TicketFacts("SUP-2026-000042", "OPEN", "HIGH", "billing", "EMAIL", "finance",
            null, List.of("vip", "eu"), "Refund for order 42", "Please refund my last invoice, it was charged twice.",
            "robin@example.com", "Robin Doe", "Acme", Map.of("plan", "Pro", "seats", 12));

    /** Rules with 3 conditions each (text, enum, regex or number), spread over the triggers; a few match. */
    static List<AutomationRule> rules(int count) {
        List<AutomationRule> rules = new ArrayList<>();
        AutomationTrigger[] triggers = AutomationTrigger.values();
        for (int i = 1; i <= count; i++) {
            List<Condition> conditions = List.of(
                    Condition.of("subject", CONTAINS, i % 8 == 0 ? "refund" : "word" + i),
                    Condition.of("priority", IN, "HIGH", "URGENT"),
                    i % 3 == 0 ? Condition.of("requester.email", MATCHES, "@example\\.(com|org)$")
                            : Condition.of("customFields.seats", GREATER_THAN, Integer.toString(i % 20)));
            rules.add(new AutomationRule(i, "rule " + i, true, i, triggers[i % 4 == 0 ? 0 : i % triggers.length],
                    i % 7 == 0 ? MatchMode.ANY : MatchMode.ALL, conditions,
                    List.of(RuleAction.of(ActionType.ADD_TAGS, Map.of("tags", List.of("t" + i))))));
        }
        return rules;
    }

    @Test
    void evaluationAndCompileTimes() {
        StringBuilder report = new StringBuilder("\nAutomation engine benchmark (one thread; times per event)\n");
        for (int count : new int[] {10, 200, 1_000}) {
            AtomicReference<List<AutomationRule>> stored = new AtomicReference<>(rules(count));
            AutomationEngine engine = new AutomationEngine(stored::get, Map::of);
            long[] compile = new long[5];
            for (int i = 0; i < compile.length; i++) {
                long start = System.nanoTime();
                engine.reload();
                compile[i] = System.nanoTime() - start;
            }
            AutomationEvent event = AutomationEvent.of(AutomationTrigger.TICKET_CREATED);
            int planned = engine.evaluate(TICKET, event).size();
            long warmUpUntil = System.nanoTime() + WARM_UP_NANOS;
            for (int i = 0; i < WARM_UP || System.nanoTime() < warmUpUntil; i++) {
                engine.evaluate(TICKET, event);
            }
            long[] times = new long[MEASURED];
            for (int i = 0; i < MEASURED; i++) {
                long start = System.nanoTime();
                engine.evaluate(TICKET, event);
                times[i] = System.nanoTime() - start;
            }
            Arrays.sort(times);
            Arrays.sort(compile);
            report.append(String.format("%5d rules: p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms  (%d actions planned) | "
                            + "compile+swap: first %6.0f ms, median of 5 %6.0f ms%n", count, ms(times[MEASURED / 2]),
                    ms(times[(int) (MEASURED * 0.99)]), ms(times[MEASURED - 1]), planned, ms(compile[compile.length - 1]),
                    ms(compile[compile.length / 2])));
            assertThat(planned).isPositive();
        }
        System.out.println(report);
    }

    static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
