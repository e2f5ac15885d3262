package io.supportflow.bench;

import static io.supportflow.bench.Results.f;
import static io.supportflow.bench.Results.ratio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportflow.ticket.BenchTickets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * Workload 1. Baseline: a bare startProcessInstanceByKey of a model of the same shape as the
 * ticket lifecycle's first steps (DMN TicketRouting with the same inputs as transient variables,
 * one user task for the candidate group, two boundary timers), same database, same history level.
 * Ours: TicketService.create (ticket row, first message, activity, number, then the real
 * TicketLifecycle process) and POST /api/v1/tickets with 4 concurrent clients.
 */
final class CreationBenchmark {

    static final String BASELINE_KEY = "BenchBaseline";
    private static final String[] CATEGORIES = {"billing", "technical", "account", "general", "feature_request"};
    private static final String[] CHANNELS = {"EMAIL", "WEB_FORM", "PORTAL", "CHAT", "PHONE", "API"};
    private static final String DESCRIPTION = "Hello, since this morning our team cannot export the monthly report: "
            + "the export button spins for a minute and then shows an error. We tried two browsers and cleared the cache. "
            + "This blocks our month-end closing, so we would be grateful for a quick answer. Our account id is ";

    private final BenchApp app;
    private final BenchConfig config;
    private final Results results;
    private final AtomicLong sequence = new AtomicLong();
    private final ObjectMapper json = new ObjectMapper();

    CreationBenchmark(BenchApp app, BenchConfig config, Results results) {
        this.app = app;
        this.config = config;
        this.results = results;
    }

    static BpmnModelInstance baselineModel() {
        return Bpmn.createExecutableProcess(BASELINE_KEY).camundaHistoryTimeToLive(180)
                .startEvent("start")
                .businessRuleTask("route").camundaDecisionRef("TicketRouting").camundaResultVariable("team")
                    .camundaMapDecisionResult("singleEntry")
                .userTask("respond").camundaCandidateGroups("${team}")
                    .boundaryEvent("warning").cancelActivity(false).timerWithDuration("PT4H").endEvent("warned")
                .moveToActivity("respond")
                    .boundaryEvent("breach").cancelActivity(true).timerWithDuration("PT8H").endEvent("breached")
                .moveToActivity("respond").endEvent("done")
                .done();
    }

    void run() throws Exception {
        app.engine.getRepositoryService().createDeployment().name("bench-baseline")
                .addModelInstance("bench-baseline.bpmn", baselineModel()).deploy();
        String history = app.engineConfiguration().getHistoryLevel().getName();
        results.note("history level", history);

        BenchTickets tickets = app.bean(BenchTickets.class);
        RuntimeService runtime = app.engine.getRuntimeService();
        Http http = new Http(app.port, "alice", "alice");
        IntConsumer baseline = i -> startBaseline(runtime);
        IntConsumer service = i -> createThroughService(tickets);
        IntConsumer api = i -> createThroughHttp(http);

        int n = config.creationOps();
        Stats base1 = new Stats();
        Stats ours1 = new Stats();
        Stats base4 = new Stats();
        Stats http4 = new Stats();
        for (int round = 0; round <= config.rounds(); round++) {
            boolean record = round > 0;
            // alternate the order every round so that neither side always runs on a warmer/colder machine
            double rb1;
            double ro1;
            double rb4;
            double rh4;
            if (round % 2 == 0) {
                rb1 = Load.closed(base1, 1, n, record, baseline);
                ro1 = Load.closed(ours1, 1, n, record, service);
                rb4 = Load.closed(base4, 4, n, record, baseline);
                rh4 = Load.closed(http4, 4, n, record, api);
            } else {
                rh4 = Load.closed(http4, 4, n, record, api);
                rb4 = Load.closed(base4, 4, n, record, baseline);
                ro1 = Load.closed(ours1, 1, n, record, service);
                rb1 = Load.closed(base1, 1, n, record, baseline);
            }
            System.out.printf("[bench] creation round %d%s: baseline %.1f/s, service %.1f/s, baseline x4 %.1f/s, http x4 %.1f/s%n",
                    round, record ? "" : " (warm-up)", rb1, ro1, rb4, rh4);
        }
        double b1 = base1.medianRate();
        double o1 = ours1.medianRate();
        double b4 = base4.medianRate();
        double h4 = http4.medianRate();
        results.add("1 create", "service layer, 1 thread (tickets/s)", f(o1), f(b1), ratio(o1 / b1), "ratio >= 0.70",
                Results.verdict(o1 / b1 >= 0.7), "medians of " + config.rounds() + " rounds x " + n + " creations, interleaved; "
                        + "history " + history + "; baseline = bare startProcessInstanceByKey(" + BASELINE_KEY + ")");
        results.add("1 create", "service layer latency p95 (ms)", f(ours1.percentileMs(95)), f(base1.percentileMs(95)),
                ratio(base1.percentileMs(95) / ours1.percentileMs(95)), "-", Results.Verdict.INFO, null);
        results.add("1 create", "HTTP POST, 4 clients (tickets/s)", f(h4), f(b4), ratio(h4 / b4), "ratio >= 0.50",
                Results.verdict(h4 / b4 >= 0.5), "baseline at the same concurrency (4 threads); vs 1-thread baseline: "
                        + ratio(h4 / b1));

        // p95 at half the sustained HTTP rate, open loop
        double rate = Math.max(1, h4 / 2);
        Stats open = new Stats();
        Load.open(new Stats(), rate, 3, 16, api); // warm-up of the open-loop path
        double achieved = Load.open(open, rate, Double.parseDouble(System.getProperty("bench.creation.openSeconds", "15")), 16, api);
        double p95 = open.percentileMs(95);
        results.add("1 create", "HTTP p95 at half rate (ms)", f(p95), "-", "-", "< 100 ms", Results.verdict(p95 < 100),
                String.format(java.util.Locale.ROOT, "open loop at %.1f req/s (achieved %.1f), %d requests, p50 %s ms, p99 %s ms",
                        rate, achieved, open.count(), f(open.percentileMs(50)), f(open.percentileMs(99))));

        bytesPerTicket(tickets, runtime);
    }

    private void bytesPerTicket(BenchTickets tickets, RuntimeService runtime) {
        int n = Integer.getInteger("bench.creation.sizeSample", 200);
        app.jdbc.execute("CHECKPOINT");
        Map<String, Long> before = relationSizes();
        Map<String, long[]> rowsBefore = rowCounts();
        if (SqlProfile.ENABLED) {
            SqlProfile.start();
        }
        for (int i = 0; i < n; i++) {
            createThroughService(tickets);
        }
        if (SqlProfile.ENABLED) {
            System.out.print(SqlProfile.report(SqlProfile.stop(), n));
        }
        Map<String, Long> after = relationSizes();
        printTables(before, after, rowsBefore, rowCounts(), n);
        Map<String, Long> groups = grouped(before, after);
        double ours = groups.values().stream().mapToLong(Long::longValue).sum() / (double) n;

        Map<String, Long> beforeBase = relationSizes();
        for (int i = 0; i < n; i++) {
            startBaseline(runtime);
        }
        Map<String, Long> afterBase = relationSizes();
        double base = grouped(beforeBase, afterBase).values().stream().mapToLong(Long::longValue).sum() / (double) n;
        StringBuilder breakdown = new StringBuilder();
        groups.forEach((k, v) -> breakdown.append(k).append(' ').append(f(v / (double) n / 1024)).append(" KB, "));
        results.add("1 create", "bytes stored per ticket (KB)", f(ours / 1024), f(base / 1024), ratio(base / ours), "<= 15 KB",
                Results.verdict(ours / 1024 <= 15), "growth of pg_total_relation_size (heap+TOAST+indexes+FSM/VM) of every table over "
                        + n + " creations / " + n + "; " + breakdown + "baseline = " + BASELINE_KEY + " instances");
    }

    /** Per table: bytes and rows inserted / updated / deleted per ticket (statistics flush within a second). */
    private static void printTables(Map<String, Long> before, Map<String, Long> after, Map<String, long[]> rowsBefore,
            Map<String, long[]> rowsAfter, int n) {
        System.out.println("[bench] per ticket and table: KB, rows inserted / updated (of them HOT) / deleted");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> {
                    long[] r0 = rowsBefore.getOrDefault(e.getKey(), new long[4]);
                    long[] r1 = rowsAfter.getOrDefault(e.getKey(), new long[4]);
                    if (e.getValue() != 0 || r1[0] != r0[0] || r1[1] != r0[1] || r1[2] != r0[2]) {
                        System.out.printf(java.util.Locale.ROOT, "[bench]   %-32s %7.2f KB %6.2f ins %6.2f upd (%4.2f HOT) %6.2f del%n",
                                e.getKey(), e.getValue() / 1024.0 / n, (r1[0] - r0[0]) / (double) n, (r1[1] - r0[1]) / (double) n,
                                (r1[3] - r0[3]) / (double) n, (r1[2] - r0[2]) / (double) n);
                    }
                });
    }

    private Map<String, long[]> rowCounts() {
        try {
            Thread.sleep(1500); // backends report their table statistics at most once a second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, long[]> rows = new LinkedHashMap<>();
        app.jdbc.query("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del, n_tup_hot_upd FROM pg_stat_user_tables WHERE schemaname = current_schema()",
                rs -> {
                    rows.put(rs.getString(1).toLowerCase(), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                });
        return rows;
    }

    private Map<String, Long> relationSizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        app.jdbc.query("SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = current_schema() AND c.relkind = 'r'", rs -> {
                    sizes.put(rs.getString(1).toLowerCase(), rs.getLong(2));
                });
        return sizes;
    }

    private static Map<String, Long> grouped(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> groups = new LinkedHashMap<>();
        groups.put("ticket tables", 0L);
        groups.put("ACT_RU", 0L);
        groups.put("ACT_HI", 0L);
        groups.put("other ACT", 0L);
        after.forEach((name, size) -> {
            long delta = size - before.getOrDefault(name, 0L);
            String group = name.startsWith("act_ru_") ? "ACT_RU" : name.startsWith("act_hi_") ? "ACT_HI"
                    : name.startsWith("act_") ? "other ACT" : "ticket tables";
            groups.merge(group, delta, Long::sum);
        });
        return groups;
    }

    private void startBaseline(RuntimeService runtime) {
        long n = sequence.incrementAndGet();
        runtime.createProcessInstanceByKey(BASELINE_KEY).businessKey("BASE-" + n)
                .setVariable("ticketId", n)
                .setVariable("status", "NEW")
                .setVariable("category", Variables.stringValue(CATEGORIES[(int) (n % CATEGORIES.length)], true))
                .setVariable("priority", Variables.stringValue(priority(n), true))
                .setVariable("channel", Variables.stringValue(CHANNELS[(int) (n % CHANNELS.length)], true))
                .setVariable("customerTier", Variables.stringValue("STANDARD", true))
                .execute();
    }

    private void createThroughService(BenchTickets tickets) {
        long n = sequence.incrementAndGet();
        tickets.create("Monthly report export fails with an error (" + n + ")", DESCRIPTION + n + ".", "Customer " + n,
                "customer" + n + "@example.com", priority(n), CATEGORIES[(int) (n % CATEGORIES.length)],
                CHANNELS[(int) (n % CHANNELS.length)]);
    }

    private void createThroughHttp(Http http) {
        long n = sequence.incrementAndGet();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", "Monthly report export fails with an error (" + n + ")");
        body.put("description", DESCRIPTION + n + ".");
        body.put("requester", Map.of("name", "Customer " + n, "email", "customer" + n + "@example.com"));
        body.put("priority", priority(n));
        body.put("category", CATEGORIES[(int) (n % CATEGORIES.length)]);
        body.put("channel", CHANNELS[(int) (n % CHANNELS.length)]);
        body.put("tags", java.util.List.of("bench"));
        try {
            http.post("/api/v1/tickets", json.writeValueAsString(body), 201);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String priority(long n) {
        long p = Math.floorMod(n * 2654435761L, 100);
        return p < 30 ? "LOW" : p < 75 ? "MEDIUM" : p < 93 ? "HIGH" : p < 99 ? "URGENT" : "CRITICAL";
    }

}
