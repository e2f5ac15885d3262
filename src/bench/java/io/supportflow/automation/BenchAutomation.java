package io.supportflow.automation;

import static io.supportflow.automation.ConditionOperator.CONTAINS;
import static io.supportflow.automation.ConditionOperator.GREATER_THAN;
import static io.supportflow.automation.ConditionOperator.IN;
import static io.supportflow.automation.ConditionOperator.MATCHES;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The benchmark's door into the automation package (its repository is package-private): stores
 * generated rules as admins' rules are stored, so that the real engine bean's reload() reads,
 * compiles and swaps them. Compiled only with -Pbench.
 */
@Component
public class BenchAutomation {

    static final String PREFIX = "bench rule ";

    private final AutomationRepository repository;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final String tenantId;

    BenchAutomation(AutomationRepository repository, JdbcClient jdbc, PlatformTransactionManager transactions,
            @Value("${supportflow.tickets.tenant:default}") String tenantId) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.tenantId = tenantId;
    }

    /** Replaces the benchmark's stored rules with count generated ones, after the admins' rules. */
    public void store(int count) {
        tx.executeWithoutResult(status -> {
            repository.lock(tenantId);
            deleteBenchRules();
            int position = repository.nextPosition(tenantId);
            for (int i = 1; i <= count; i++) {
                repository.insert(tenantId, position + i, rule(i));
            }
        });
    }

    /** Removes the benchmark's rules again (the caller reloads the engine afterwards). */
    public void remove() {
        tx.executeWithoutResult(status -> {
            repository.lock(tenantId);
            deleteBenchRules();
        });
    }

    private void deleteBenchRules() {
        jdbc.sql("DELETE FROM automation_rule WHERE tenant_id = :tenant AND name LIKE :prefix")
                .param("tenant", tenantId).param("prefix", PREFIX + "%").update();
    }

    /**
     * Rule i: three conditions (text, enum, and a regex or a number), spread over the triggers, one
     * in seven with match ANY; about one in eight matches the benchmark's ticket on creation.
     */
    static RuleDefinition rule(int i) {
        // event triggers only: time-based rules are fired by timers, not per event
        AutomationTrigger[] triggers = java.util.Arrays.stream(AutomationTrigger.values())
                .filter(t -> !t.timeBased()).toArray(AutomationTrigger[]::new);
        List<Condition> conditions = List.of(
                Condition.of("subject", CONTAINS, i % 8 == 0 ? "refund" : "word" + i),
                Condition.of("priority", IN, "HIGH", "URGENT"),
                i % 3 == 0 ? Condition.of("requester.email", MATCHES, "@example\\.(com|org)$")
                        : Condition.of("customFields.seats", GREATER_THAN, Integer.toString(i % 20)));
        return new RuleDefinition(PREFIX + i, true, triggers[i % 4 == 0 ? 0 : i % triggers.length],
                i % 7 == 0 ? MatchMode.ANY : MatchMode.ALL, conditions,
                List.of(RuleAction.of(ActionType.ADD_TAGS, Map.of("tags", List.of("t" + i)))));
    }

    /** The ticket every evaluation sees: a HIGH billing ticket with tags and custom fields. */
    public static TicketFacts ticket() {
        return new TicketFacts("SUP-2026-000042", "OPEN", "HIGH", "billing", "EMAIL", "finance", null, List.of("vip", "eu"),
                "Refund for order 42", "Please refund my last invoice, it was charged twice.", "robin@example.com",
                "Robin Doe", "Acme", Map.of("plan", "Pro", "seats", 12));
    }
}
