package io.supportflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hot swap under concurrent events loses no event: while several threads create and update tickets, an
 * admin replaces rule set A by rule set B and back, over and over (both sets flipped in one transaction,
 * then {@link AutomationEngine#reload()}). Every event must have been evaluated by exactly one complete set:
 * its {@code rule_fired} entries name all rules of A for that trigger, or all rules of B, never none and
 * never a mix.
 */
@IntegrationTest
class AutomationHotSwapTest {

    static final String RULES = "/api/v1/admin/automations";
    static final int THREADS = 4;
    static final int TICKETS_PER_THREAD = 6;

    @LocalServerPort int port;
    @Autowired AutomationEngine engine;
    @Autowired AutomationRepository repository;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcClient jdbc;

    final String marker = "hs" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final List<Long> ruleIds = new ArrayList<>();

    Api admin() {
        return Api.as(port, "demo");
    }

    @AfterEach
    void deleteRules() {
        ruleIds.forEach(id -> admin().delete(RULES + "/" + id));
    }

    String rule(String set, String trigger, int n, boolean enabled) {
        String name = set + " " + trigger + " " + n + " " + marker;
        Api.Response created = admin().post(RULES, Map.of("name", name, "enabled", enabled, "trigger", trigger,
                "conditions", List.of(Map.of("field", "subject", "operator", "CONTAINS", "values", List.of(marker))),
                "actions", List.of(Map.of("type", "NOTIFY", "params", Map.of("recipients", List.of("team"), "message", name)))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ruleIds.add(created.json().get("id").asLong());
        return name;
    }

    @Test
    void everyEventIsEvaluatedByExactlyOneCompleteRuleSet() throws Exception {
        Map<String, Set<String>> setA = Map.of(
                "TICKET_CREATED", Set.of(rule("A", "TICKET_CREATED", 1, true), rule("A", "TICKET_CREATED", 2, true)),
                "TICKET_UPDATED", Set.of(rule("A", "TICKET_UPDATED", 1, true), rule("A", "TICKET_UPDATED", 2, true)));
        Map<String, Set<String>> setB = Map.of(
                "TICKET_CREATED", Set.of(rule("B", "TICKET_CREATED", 1, false), rule("B", "TICKET_CREATED", 2, false),
                        rule("B", "TICKET_CREATED", 3, false)),
                "TICKET_UPDATED", Set.of(rule("B", "TICKET_UPDATED", 1, false)));
        List<Long> ids = List.copyOf(ruleIds);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger swaps = new AtomicInteger();
        ConcurrentLinkedQueue<String> numbers = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try {
            Future<?> swapper = pool.submit(() -> {
                while (running.get()) {
                    transactions.executeWithoutResult(status -> repository.list("default").stream()
                            .filter(r -> ids.contains(r.id()))
                            .forEach(r -> repository.setEnabled("default", r.id(), !r.enabled())));
                    engine.reload();
                    swaps.incrementAndGet();
                }
                return null;
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < TICKETS_PER_THREAD; i++) {
                        String number = createAndUpdate();
                        numbers.add(number);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(5, TimeUnit.MINUTES);
            }
            running.set(false);
            swapper.get(1, TimeUnit.MINUTES);
        } finally {
            running.set(false);
            pool.shutdownNow();
        }

        assertThat(numbers).hasSize(THREADS * TICKETS_PER_THREAD);
        assertThat(swaps.get()).as("rule set swaps during the run").isGreaterThan(3);
        Set<String> setsSeen = new HashSet<>();
        for (String number : numbers) {
            for (String trigger : List.of("TICKET_CREATED", "TICKET_UPDATED")) {
                Set<String> fired = fired(number, trigger);
                assertThat(fired).as("rules fired on %s for %s", trigger, number)
                        .satisfiesAnyOf(f -> assertThat(f).isEqualTo(setA.get(trigger)),
                                f -> assertThat(f).isEqualTo(setB.get(trigger)));
                setsSeen.add(fired.equals(setA.get(trigger)) ? "A" : "B");
            }
        }
        assertThat(setsSeen).as("both rule sets were in force while events arrived").containsExactlyInAnyOrder("A", "B");
    }

    String createAndUpdate() {
        Api api = admin();
        Api.Response created = api.post("/api/v1/tickets", Map.of("subject", "Swap " + marker, "description", "Hot swap",
                "requester", Map.of("name", "Jane Doe", "email", "jane@acme.example"), "category", "general"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String number = created.json().get("number").asText();
        Api.Response updated = api.patch("/api/v1/tickets/" + number, Map.of("priority", "HIGH"));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        return number;
    }

    Set<String> fired(String number, String trigger) {
        List<String> names = jdbc.sql("""
                SELECT a.new_value FROM ticket_activity a JOIN ticket t ON t.id = a.ticket_id
                WHERE t.number = ? AND a.action = 'rule_fired' AND a.old_value = ?""")
                .param(number).param(trigger).query(String.class).list();
        Set<String> set = new HashSet<>(names);
        assertThat(set).as("each rule fires once per event on %s", number).hasSize(names.size());
        return set;
    }
}
