package io.supportflow.bench;

import static io.supportflow.bench.Results.f;
import static io.supportflow.bench.Results.ratio;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Workload 4, DMN part: the deployed TicketRouting decision evaluated through the engine's
 * DecisionService (what the business rule task does), per evaluation, after a warm-up. Baseline:
 * a one-rule, one-input decision evaluated the same way in the same run (the engine's floor).
 * The Drools part (automation rules at 10/200/1,000 rules, compile + swap) is not measured: the
 * automation engine is not built yet.
 */
final class RulesBenchmark {

    private static final String[] CATEGORIES = {"billing", "technical", "account", "general", "feature_request", "custom_x"};
    private static final String[] PRIORITIES = {"LOW", "MEDIUM", "HIGH", "URGENT", "CRITICAL"};
    private static final String[] CHANNELS = {"EMAIL", "WEB_FORM", "PORTAL", "CHAT", "PHONE", "API"};

    private final BenchApp app;
    private final BenchConfig config;
    private final Results results;

    RulesBenchmark(BenchApp app, BenchConfig config, Results results) {
        this.app = app;
        this.config = config;
        this.results = results;
    }

    void run() {
        app.engine.getRepositoryService().createDeployment().name("bench-rules")
                .addString("bench-trivial.dmn", TRIVIAL_DMN).deploy();
        DecisionService decisions = app.engine.getDecisionService();
        int perRound = Integer.getInteger("bench.rules.ops", 1000);
        Stats routing = new Stats();
        Stats trivial = new Stats();
        for (int round = 0; round <= config.rounds(); round++) {
            boolean record = round > 0;
            Load.closed(trivial, 1, perRound, record, i -> decisions.evaluateDecisionTableByKey("BenchTrivial",
                    Variables.createVariables().putValue("category", CATEGORIES[i % CATEGORIES.length])).getSingleResult());
            Load.closed(routing, 1, perRound, record, i -> decisions.evaluateDecisionTableByKey("TicketRouting", facts(i))
                    .getSingleResult());
        }
        // what the business rule task costs inside the ticket's transaction: evaluation + history
        // inserts, no commit of its own (batches of 100 evaluations per transaction)
        TransactionTemplate tx = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
        Stats inTx = new Stats();
        Stats trivialInTx = new Stats();
        for (int round = 0; round <= config.rounds(); round++) {
            boolean record = round > 0;
            for (int batch = 0; batch < perRound / 100; batch++) {
                int b = batch;
                tx.executeWithoutResult(status -> {
                    for (int i = 0; i < 100; i++) {
                        int n = b * 100 + i;
                        long t0 = System.nanoTime();
                        decisions.evaluateDecisionTableByKey("BenchTrivial",
                                Variables.createVariables().putValue("category", CATEGORIES[n % CATEGORIES.length])).getSingleResult();
                        long t1 = System.nanoTime();
                        decisions.evaluateDecisionTableByKey("TicketRouting", facts(n)).getSingleResult();
                        long t2 = System.nanoTime();
                        if (record) {
                            trivialInTx.add(t1 - t0);
                            inTx.add(t2 - t1);
                        }
                    }
                });
            }
        }
        double p99tx = inTx.percentileMs(99);
        double baseTx = trivialInTx.percentileMs(99);
        results.add("4 rules", "DMN TicketRouting p99, in a transaction (ms)", f(p99tx), f(baseTx), ratio(baseTx / p99tx), "< 1 ms",
                Results.verdict(p99tx < 1), "as the business rule task runs it: evaluation + its history rows, inside an open transaction, "
                        + inTx.count() + " evaluations, p50 " + f(inTx.percentileMs(50)) + " ms; baseline = one-rule one-input decision");
        double p99 = routing.percentileMs(99);
        double base = trivial.percentileMs(99);
        results.add("4 rules", "DMN TicketRouting p99, own transaction (ms)", f(p99), f(base), ratio(base / p99), "< 1 ms", Results.verdict(p99 < 1),
                "standalone DecisionService.evaluateDecisionTableByKey, each with its own commit (disk flush), " + routing.count() + " evaluations (p50 " + f(routing.percentileMs(50))
                        + " ms, " + f(routing.medianRate()) + "/s); baseline = one-rule one-input decision; "
                        + "history of each evaluation is written (history level " + app.engineConfiguration().getHistoryLevel().getName() + ")");
        results.notMeasured("4 rules", "DMN SLA-policy p99 (ms)", "< 1 ms", "not measured: no SLA-policy DMN in this branch yet");
        for (int rules : new int[] {10, 200, 1000}) {
            results.notMeasured("4 rules", "Drools p99 per event, " + rules + " rules (ms)", rules == 200 ? "< 1 ms" : "-",
                    "not measured: automation engine not built yet");
        }
        results.notMeasured("4 rules", "Drools compile + swap (ms)", "-", "not measured: automation engine not built yet");
    }

    private static VariableMap facts(int i) {
        return Variables.createVariables()
                .putValue("category", CATEGORIES[i % CATEGORIES.length])
                .putValue("priority", PRIORITIES[(i / 7) % PRIORITIES.length])
                .putValue("channel", CHANNELS[(i / 3) % CHANNELS.length])
                .putValue("customerTier", i % 10 == 0 ? "GOLD" : "STANDARD");
    }

    static final String TRIVIAL_DMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
                id="BenchDefinitions" name="bench" namespace="https://supportflow.io/bench">
              <decision id="BenchTrivial" name="Trivial" camunda:historyTimeToLive="1">
                <decisionTable id="BenchTrivialTable" hitPolicy="FIRST">
                  <input id="BenchInput" camunda:inputVariable="category">
                    <inputExpression id="BenchInputExpression" typeRef="string"><text>category</text></inputExpression>
                  </input>
                  <output id="BenchOutput" name="team" typeRef="string" />
                  <rule id="BenchRule">
                    <inputEntry id="BenchInputEntry"><text></text></inputEntry>
                    <outputEntry id="BenchOutputEntry"><text>"general"</text></outputEntry>
                  </rule>
                </decisionTable>
              </decision>
            </definitions>
            """;
}
