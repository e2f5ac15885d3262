package io.supportflow.bench;

import static io.supportflow.bench.Results.f;
import static io.supportflow.bench.Results.ratio;

import java.util.function.IntFunction;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Workload 4: the deployed TicketRouting and SlaPolicy decisions evaluated through the engine's
 * DecisionService (what the business rule task does), per evaluation, after a warm-up. Baseline:
 * a one-rule, one-input decision evaluated the same way in the same run (the engine's floor).
 * Then the automation rules (Drools), see {@link DroolsBenchmark}.
 */
final class RulesBenchmark {

    private static final String[] CATEGORIES = {"billing", "technical", "account", "general", "feature_request", "custom_x"};
    private static final String[] PRIORITIES = {"LOW", "MEDIUM", "HIGH", "URGENT", "CRITICAL"};
    private static final String[] CHANNELS = {"EMAIL", "WEB_FORM", "PORTAL", "CHAT", "PHONE", "API"};

    private static final String[] TEAMS = {"general", "billing", "technical"};
    private static final String TRIVIAL = "BenchTrivial";
    static final String SLA_POLICY = "SlaPolicy";

    private final BenchApp app;
    private final BenchConfig config;
    private final Results results;
    private final int perRound = Integer.getInteger("bench.rules.ops", 600);

    RulesBenchmark(BenchApp app, BenchConfig config, Results results) {
        this.app = app;
        this.config = config;
        this.results = results;
    }

    void run() {
        app.engine.getRepositoryService().createDeployment().name("bench-rules")
                .addString("bench-trivial.dmn", TRIVIAL_DMN).deploy();
        routing();
        slaPolicy();
        new DroolsBenchmark(app, config, results).run();
    }

    private void routing() {
        DecisionService decisions = app.engine.getDecisionService();
        Stats routing = new Stats();
        Stats trivial = new Stats();
        for (int round = 0; round <= config.rounds(); round++) {
            boolean record = round > 0;
            Load.closed(trivial, 1, perRound, record, i -> decisions.evaluateDecisionTableByKey(TRIVIAL,
                    Variables.createVariables().putValue("category", CATEGORIES[i % CATEGORIES.length])).getSingleResult());
            Load.closed(routing, 1, perRound, record, i -> decisions.evaluateDecisionTableByKey("TicketRouting", facts(i))
                    .getSingleResult());
        }
        Stats inTx = new Stats();
        Stats trivialInTx = new Stats();
        inTransaction("TicketRouting", RulesBenchmark::facts, inTx, trivialInTx);
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
    }

    /**
     * The SLA policy decision (key SlaPolicy, inputs priority, customerTier, team, channel), measured
     * like routing in a transaction. Reported as not deployed, without failing the run, while the
     * decision does not exist; an evaluation error is a FAIL with the engine's message.
     */
    private void slaPolicy() {
        String figure = "DMN SlaPolicy p99, in a transaction (ms)";
        long deployed = app.engine.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey(SLA_POLICY).count();
        if (deployed == 0) {
            results.add("4 rules", figure, "not deployed", "-", "-", "< 1 ms", Results.Verdict.NOT_MEASURED,
                    "no decision with key " + SLA_POLICY + " is deployed (rules/sla-policy.dmn is not in this build)");
            return;
        }
        Stats ours = new Stats();
        Stats trivial = new Stats();
        try {
            inTransaction(SLA_POLICY, RulesBenchmark::slaFacts, ours, trivial);
        } catch (RuntimeException e) {
            results.add("4 rules", figure, "error", "-", "-", "< 1 ms", Results.Verdict.FAIL,
                    "evaluating " + SLA_POLICY + " with inputs priority, customerTier, team, channel failed: " + rootMessage(e));
            return;
        }
        double p99 = ours.percentileMs(99);
        double base = trivial.percentileMs(99);
        results.add("4 rules", figure, f(p99), f(base), ratio(base / p99), "< 1 ms", Results.verdict(p99 < 1),
                "DecisionService.evaluateDecisionByKey(" + SLA_POLICY + ") inside an open transaction, with its history rows, "
                        + ours.count() + " evaluations, p50 " + f(ours.percentileMs(50)) + " ms; baseline = one-rule one-input decision");
    }

    /**
     * Evaluations inside open transactions (batches of 100), the way a business rule task runs inside
     * the ticket's transaction: evaluation + history inserts, no commit of its own. The baseline
     * decision is evaluated interleaved, one each before every measured evaluation.
     */
    private void inTransaction(String key, IntFunction<VariableMap> facts, Stats ours, Stats trivial) {
        DecisionService decisions = app.engine.getDecisionService();
        TransactionTemplate tx = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
        for (int round = 0; round <= config.rounds(); round++) {
            boolean record = round > 0;
            for (int batch = 0; batch < perRound / 100; batch++) {
                int b = batch;
                tx.executeWithoutResult(status -> {
                    for (int i = 0; i < 100; i++) {
                        int n = b * 100 + i;
                        long t0 = System.nanoTime();
                        decisions.evaluateDecisionTableByKey(TRIVIAL,
                                Variables.createVariables().putValue("category", CATEGORIES[n % CATEGORIES.length])).getSingleResult();
                        long t1 = System.nanoTime();
                        decisions.evaluateDecisionByKey(key).variables(facts.apply(n)).evaluate();
                        long t2 = System.nanoTime();
                        if (record) {
                            trivial.add(t1 - t0);
                            ours.add(t2 - t1);
                        }
                    }
                });
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static VariableMap slaFacts(int i) {
        return Variables.createVariables()
                .putValue("priority", PRIORITIES[(i / 7) % PRIORITIES.length])
                .putValue("customerTier", i % 10 == 0 ? "GOLD" : "STANDARD")
                .putValue("team", TEAMS[i % TEAMS.length])
                .putValue("channel", CHANNELS[(i / 3) % CHANNELS.length]);
    }

    private static VariableMap facts(int i) {
        return Variables.createVariables()
                .putValue("category", CATEGORIES[i % CATEGORIES.length])
                .putValue("priority", PRIORITIES[(i / 7) % PRIORITIES.length])
                .putValue("channel", CHANNELS[(i / 3) % CHANNELS.length])
                .putValue("customerTier", i % 10 == 0 ? "GOLD" : "STANDARD")
                .putValue("language", i % 4 == 0 ? "fr" : "en")
                .putValue("tags", i % 5 == 0 ? java.util.List.of("vip") : java.util.List.of());
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
