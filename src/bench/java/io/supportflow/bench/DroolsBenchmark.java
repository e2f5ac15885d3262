package io.supportflow.bench;

import static io.supportflow.bench.Results.f;
import static io.supportflow.bench.Results.ratio;

import io.supportflow.automation.AutomationEngine;
import io.supportflow.automation.AutomationEvent;
import io.supportflow.automation.AutomationTrigger;
import io.supportflow.automation.BenchAutomation;
import io.supportflow.automation.TicketFacts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Workload 4, automation part: the application's own AutomationEngine bean with 10, 200 and 1,000
 * stored rules (rows in automation_rule, as admins store them).
 * <ul>
 * <li>Compile + swap: engine.reload(), which reads the rules, validates them, generates and compiles
 * the DRL and swaps the set in; the rule count changes between reloads, so every size is measured
 * in every round.</li>
 * <li>Evaluation per event: engine.evaluate(ticket, TICKET_CREATED) on one thread, with the compiled
 * sets swapped in turn (engine.install), so the sizes are interleaved in every round.</li>
 * </ul>
 * Baseline (the floor of a Drools evaluation or compile here): the same with no benchmark rules, only
 * the DRL files under rules/ and the admins' rules. The benchmark's rules are removed afterwards and
 * the engine reloaded, so later workloads see the application's own rule set.
 */
final class DroolsBenchmark {

    private static final int[] SIZES = {0, 10, 200, 1000};

    private final BenchApp app;
    private final BenchConfig config;
    private final Results results;
    private final int perRound = Integer.getInteger("bench.rules.drools.ops", 2000);

    DroolsBenchmark(BenchApp app, BenchConfig config, Results results) {
        this.app = app;
        this.config = config;
        this.results = results;
    }

    /** Fewer evaluations at 1,000 rules (about 1 ms each), to keep the default run short; still 2,500 samples. */
    private int opsAt(int rules) {
        return rules >= 1000 ? Math.max(1, perRound / 4) : perRound;
    }

    void run() {
        AutomationEngine engine = app.bean(AutomationEngine.class);
        BenchAutomation rules = app.bean(BenchAutomation.class);
        Map<Integer, Stats> compile = new LinkedHashMap<>();
        Map<Integer, Stats> evaluate = new LinkedHashMap<>();
        Map<Integer, AutomationEngine.RuleSet> sets = new LinkedHashMap<>();
        Map<Integer, Double> firstCompileMs = new LinkedHashMap<>();
        for (int n : SIZES) {
            compile.put(n, new Stats());
            evaluate.put(n, new Stats());
        }
        TicketFacts ticket = BenchAutomation.ticket();
        AutomationEvent event = AutomationEvent.of(AutomationTrigger.TICKET_CREATED);
        Map<Integer, Integer> planned = new LinkedHashMap<>();
        try {
            for (int round = 0; round <= config.rounds(); round++) {
                for (int n : SIZES) {
                    rules.store(n);
                    long t0 = System.nanoTime();
                    AutomationEngine.RuleSet set = engine.reload();
                    long elapsed = System.nanoTime() - t0;
                    if (round > 0) {
                        compile.get(n).add(elapsed);
                    } else {
                        firstCompileMs.put(n, elapsed / 1e6);
                    }
                    sets.put(n, set);
                }
            }
            for (int round = 0; round <= config.rounds(); round++) {
                boolean record = round > 0;
                for (int n : SIZES) {
                    engine.install(sets.get(n));
                    planned.put(n, engine.evaluate(ticket, event).size());
                    Load.closed(evaluate.get(n), 1, opsAt(n), record, i -> engine.evaluate(ticket, event));
                }
            }
        } finally {
            rules.remove();
            engine.reload();
        }
        Stats floor = evaluate.get(0);
        for (int n : new int[] {10, 200, 1000}) {
            Stats s = evaluate.get(n);
            double p99 = s.percentileMs(99);
            double base = floor.percentileMs(99);
            results.add("4 rules", "Drools p99 per event, " + n + " rules (ms)", f(p99), f(base), ratio(base / p99),
                    n == 200 ? "< 1 ms" : "-", n == 200 ? Results.verdict(p99 < 1) : Results.Verdict.INFO,
                    "AutomationEngine.evaluate(ticket, TICKET_CREATED) on one thread, " + s.count() + " evaluations, p50 "
                            + f(s.percentileMs(50)) + " ms, max " + f(s.percentileMs(100)) + " ms, " + planned.get(n)
                            + " actions planned; rules of 3 conditions (text, enum, regex or number) over all triggers; "
                            + "baseline = no benchmark rules (p50 " + f(floor.percentileMs(50)) + " ms)");
        }
        Stats c200 = compile.get(200);
        double median = Stats.median(c200.samplesMs());
        double base = Stats.median(compile.get(0).samplesMs());
        results.add("4 rules", "Drools compile + swap, 200 rules (ms)", f(median), f(base), ratio(base / median), "-",
                Results.Verdict.INFO, "AutomationEngine.reload(): read the stored rules, validate, generate and compile DRL, swap; "
                        + "median of " + c200.count() + " rounds; 10 rules " + f(Stats.median(compile.get(10).samplesMs()))
                        + " ms, 1000 rules " + f(Stats.median(compile.get(1000).samplesMs())) + " ms; first (cold) compile "
                        + firstCompileMs.entrySet().stream().map(e -> e.getKey() + ": " + f(e.getValue()) + " ms").toList()
                        + "; baseline = no benchmark rules");
    }
}
