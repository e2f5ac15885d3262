package io.supportflow.bench;

import static io.supportflow.bench.Results.f;
import static io.supportflow.bench.Results.ratio;

import io.supportflow.ticket.BenchTickets;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.ConnectionCallback;

/**
 * Workloads 2 (inbox at 100k and 1M tickets) and 6 (growth 10k → 100k → 1M).
 *
 * Data: INSERT … SELECT generate_series straight into the ticket table (20 teams, skewed; 10 %
 * assigned; statuses and priorities skewed like a real desk), growing the same table from one
 * size to the next, then VACUUM ANALYZE. Ours: the agent agent07n1 (member of team07 and team12)
 * over real HTTP: team queue, my tickets, a filtered search, count badges. Baseline: the same
 * agent's Tasklist-style candidate-group query with ordering, and its count, through the engine
 * REST API, on one open "Respond to customer" task per open ticket. Those tasks are seeded with
 * SQL as copies of a real ticket's task, candidate link and authorization rows (execution ids
 * left null: the task query never joins the execution table for these filters).
 */
final class InboxBenchmark {

    static final String AGENT = "agent07n1";
    static final String PASSWORD = "bench-agent-1";
    static final String[] PRODUCTS_A = {"Ka", "Lo", "Mi", "Ne", "Ru", "Sa", "To", "Vi", "Ze", "Bo", "Da", "Fe", "Gu", "Ha", "Ji",
            "Ko", "Lu", "Mo", "Nu", "Pi"};
    static final String[] PRODUCTS_B = {"ran", "lex", "mor", "tis", "van", "dor", "pex", "sul", "gon", "rik"};
    private static final String OPEN = "'NEW', 'OPEN', 'IN_PROGRESS'";

    private final BenchApp app;
    private final BenchConfig config;
    private final Results results;
    private long seeded;
    private String templateTask;

    InboxBenchmark(BenchApp app, BenchConfig config, Results results) {
        this.app = app;
        this.config = config;
        this.results = results;
    }

    record QueryResult(int size, String name, double p95, double p50) {
    }

    void run(boolean inbox, boolean growth) throws IOException {
        setUpAgentAndTeams();
        templateTask = templateTask();
        Http ours = new Http(app.port, AGENT, PASSWORD);
        Map<String, IntConsumer> queries = new LinkedHashMap<>();
        queries.put("team queue", i -> ours.get("/api/v1/tickets?team=team07&status=NEW&status=OPEN&status=IN_PROGRESS"
                + "&snoozed=false&sort=priority&limit=25"));
        queries.put("my tickets", i -> ours.get("/api/v1/tickets?assignee=me&status=NEW&status=OPEN&status=IN_PROGRESS"
                + "&status=WAITING_ON_CUSTOMER&status=WAITING_ON_THIRD_PARTY&sort=priority&limit=25"));
        queries.put("search", i -> ours.get("/api/v1/tickets?q=" + product(i * 37 + 11).toLowerCase(Locale.ROOT)
                + "&priority=HIGH&priority=URGENT&limit=25"));
        queries.put("count badges (team)", i -> ours.get("/api/v1/tickets/counts?team=team07"));
        queries.put("count badges (all mine)", i -> ours.get("/api/v1/tickets/counts"));
        Map<String, IntConsumer> baseline = new LinkedHashMap<>();
        AtomicInteger baselineTimeouts = new AtomicInteger();
        baseline.put("task list", i -> Http.allowingTimeout(() -> ours.post("/engine-rest/task?firstResult=0&maxResults=25",
                "{\"candidateGroup\":\"team07\",\"sorting\":[{\"sortBy\":\"priority\",\"sortOrder\":\"desc\"},"
                        + "{\"sortBy\":\"created\",\"sortOrder\":\"asc\"}]}", 200), baselineTimeouts));
        baseline.put("task count", i -> Http.allowingTimeout(
                () -> ours.post("/engine-rest/task/count", "{\"candidateGroup\":\"team07\"}", 200), baselineTimeouts));

        List<QueryResult> all = new ArrayList<>();
        for (int size : config.sizes()) {
            seedTo(size);
            Map<String, Stats> oursStats = new LinkedHashMap<>();
            queries.keySet().forEach(k -> oursStats.put(k, new Stats()));
            baselineTimeouts.set(0);
            Map<String, Stats> baseStats = new LinkedHashMap<>();
            baseline.keySet().forEach(k -> baseStats.put(k, new Stats()));

            // how expensive is one baseline call here? keep the run inside its time budget
            long probe = System.nanoTime();
            baseline.values().forEach(q -> q.accept(0));
            double probeMs = (System.nanoTime() - probe) / 1e6;
            int baseOps = probeMs > 2000 ? 1 : probeMs > 400 ? 3 : probeMs > 100 ? 8 : config.queryOps();
            // a baseline call of seconds: one per round, in three measured rounds at most (time budget)
            int baseRounds = probeMs > 2000 ? Math.min(3, config.rounds()) : config.rounds();
            int ops = config.queryOps();
            for (int round = 0; round <= config.rounds(); round++) {
                boolean record = round > 0;
                boolean oursFirst = round % 2 == 0;
                if (round > baseRounds) {
                    queries.forEach((k, q) -> Load.closed(oursStats.get(k), 1, ops, record, q));
                    continue;
                }
                if (!oursFirst) {
                    baseline.forEach((k, q) -> Load.closed(baseStats.get(k), 1, baseOps, record, q));
                }
                queries.forEach((k, q) -> Load.closed(oursStats.get(k), 1, ops, record, q));
                if (oursFirst) {
                    baseline.forEach((k, q) -> Load.closed(baseStats.get(k), 1, baseOps, record, q));
                }
            }
            String sizeLabel = label(size);
            boolean reportInbox = inbox && (size >= 100_000 || !growth);
            double baseList = baseStats.get("task list").percentileMs(95);
            double baseCount = baseStats.get("task count").percentileMs(95);
            for (var e : oursStats.entrySet()) {
                double p95 = e.getValue().percentileMs(95);
                all.add(new QueryResult(size, e.getKey(), p95, e.getValue().percentileMs(50)));
                String base = e.getKey().equals("team queue") ? f(baseList) : e.getKey().startsWith("count") ? f(baseCount) : "-";
                double baseValue = e.getKey().equals("team queue") ? baseList : e.getKey().startsWith("count") ? baseCount : Double.NaN;
                if (reportInbox) {
                    results.add("2 inbox", e.getKey() + " p95 @" + sizeLabel + " (ms)", f(p95), base, ratio(baseValue / p95), "< 50 ms",
                            Results.verdict(p95 < 50), "HTTP as " + AGENT + " (teams team07, team12), p50 "
                                    + f(e.getValue().percentileMs(50)) + " ms, " + e.getValue().count() + " requests"
                                    + (Double.isNaN(baseValue) ? "" : "; baseline = engine REST "
                                    + (e.getKey().equals("team queue") ? "task list (candidateGroup, sorted by priority, created)"
                                    : "task count (candidateGroup)") + ", " + baseStats.get(e.getKey().equals("team queue")
                                    ? "task list" : "task count").count() + " requests"));
                }
            }
            System.out.printf(Locale.ROOT, "[bench] inbox @%s: %s | baseline task list p95 %s ms, task count p95 %s ms%n", sizeLabel,
                    summary(oursStats), f(baseList), f(baseCount));
            results.note("inbox baseline @" + sizeLabel, "task list p95 " + f(baseList) + " ms, p50 "
                    + f(baseStats.get("task list").percentileMs(50)) + " ms; task count p95 " + f(baseCount) + " ms; open tasks "
                    + app.jdbc.queryForObject("SELECT count(*) FROM act_ru_task", Long.class)
                    + (baselineTimeouts.get() == 0 ? "" : "; " + baselineTimeouts.get() + " baseline calls timed out at "
                    + Http.TIMEOUT.toSeconds() + " s and count as " + Http.TIMEOUT.toSeconds() + " s, so the baseline p95 is a lower bound"));
            if (baselineTimeouts.get() > 0) {
                System.out.printf(Locale.ROOT, "[bench] inbox @%s: %d baseline calls timed out at %d s (recorded as %d s: lower bound)%n",
                        sizeLabel, baselineTimeouts.get(), Http.TIMEOUT.toSeconds(), Http.TIMEOUT.toSeconds());
            }
            explain(size);
        }
        if (growth) {
            reportGrowth(all);
        }
    }

    private void reportGrowth(List<QueryResult> all) {
        List<Integer> sizes = config.sizes();
        if (sizes.size() < 2) {
            results.notMeasured("6 growth", "p95 growth", "flat/log", "needs at least two sizes");
            return;
        }
        int small = sizes.get(0);
        int large = sizes.get(sizes.size() - 1);
        double dataFactor = large / (double) small;
        for (String name : all.stream().map(QueryResult::name).distinct().toList()) {
            StringJoiner series = new StringJoiner(" -> ");
            double first = Double.NaN;
            double last = Double.NaN;
            for (QueryResult r : all) {
                if (r.name().equals(name)) {
                    series.add(label(r.size()) + " " + f(r.p95()) + " ms");
                    if (r.size() == small) {
                        first = r.p95();
                    }
                    if (r.size() == large) {
                        last = r.p95();
                    }
                }
            }
            double growth = last / first;
            // logarithmic growth over 10k -> 1M would be about 6/4 = 1.5x; linear would be 100x
            results.add("6 growth", name + " p95 x" + label(small) + "->" + label(large), f(growth) + "x", "-", "-",
                    "<= 3x (data " + f(dataFactor) + "x)", Results.verdict(growth <= 3), series.toString());
        }
    }

    private static String summary(Map<String, Stats> stats) {
        StringJoiner j = new StringJoiner(", ");
        stats.forEach((k, v) -> j.add(k + " p95 " + f(v.percentileMs(95)) + " ms"));
        return j.toString();
    }

    static String label(int size) {
        return size >= 1_000_000 && size % 1_000_000 == 0 ? size / 1_000_000 + "M" : size >= 1000 && size % 1000 == 0 ? size / 1000 + "k" : Integer.toString(size);
    }

    static String product(int i) {
        int p = Math.floorMod(i, 200);
        return PRODUCTS_A[p % 20] + PRODUCTS_B[p / 20] + "on";
    }

    private void setUpAgentAndTeams() {
        IdentityService identity = app.engine.getIdentityService();
        for (int t = 1; t <= 20; t++) {
            String id = String.format("team%02d", t);
            if (identity.createGroupQuery().groupId(id).count() == 0) {
                Group g = identity.newGroup(id);
                g.setName("Team " + t);
                g.setType("WORKFLOW");
                identity.saveGroup(g);
            }
        }
        if (identity.createUserQuery().userId(AGENT).count() == 0) {
            User u = identity.newUser(AGENT);
            u.setFirstName("Bench");
            u.setLastName("Agent");
            u.setEmail(AGENT + "@supportflow.example");
            u.setPassword(PASSWORD);
            identity.saveUser(u);
            identity.createMembership(AGENT, "team07");
            identity.createMembership(AGENT, "team12");
        }
    }

    /** A real ticket's "Respond to customer" task: the template the baseline's tasks are copied from. */
    private String templateTask() {
        String number = app.bean(BenchTickets.class).create("Template ticket", "The template of the seeded tasks.", "Template",
                "template@example.com", "MEDIUM", "billing", "EMAIL");
        return app.jdbc.queryForObject("SELECT t.id_ FROM act_ru_task t JOIN ticket k ON k.process_instance_id = t.proc_inst_id_ "
                + "WHERE k.number = ?", String.class, number);
    }

    private void seedTo(int size) {
        if (size <= seeded) {
            return;
        }
        long start = System.nanoTime();
        long maxIdBefore = app.jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM ticket", Long.class);
        // a big batch goes in faster without the secondary indexes, built once afterwards
        Map<String, String> dropped = size - seeded >= REBUILD_INDEXES_FROM ? dropSecondaryIndexes() : Map.of();
        int chunk = 100_000;
        for (long from = seeded + 1; from <= size; from += chunk) {
            long to = Math.min(size, from + chunk - 1);
            app.jdbc.update(SEED_TICKETS, from, to);
        }
        long rowsDone = System.nanoTime();
        rebuild(dropped);
        long ticketsDone = System.nanoTime();
        if (!dropped.isEmpty()) {
            results.note("seed @" + label(size) + " indexes", String.format(Locale.ROOT, "%d secondary indexes of ticket dropped for the insert "
                    + "(%.1f s) and rebuilt afterwards (%.1f s): %s", dropped.size(), (rowsDone - start) / 1e9, (ticketsDone - rowsDone) / 1e9,
                    dropped.keySet()));
        }
        seedTasks(maxIdBefore);
        long tasksDone = System.nanoTime();
        app.jdbc.execute("VACUUM ANALYZE ticket");
        app.jdbc.execute("VACUUM ANALYZE act_ru_task");
        app.jdbc.execute("VACUUM ANALYZE act_ru_identitylink");
        app.jdbc.execute("VACUUM ANALYZE act_ru_authorization");
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, "[bench] seeded tickets %d -> %d in %.1f s, tasks in %.1f s, vacuum analyze %.1f s%n", seeded, size,
                (ticketsDone - start) / 1e9, (tasksDone - ticketsDone) / 1e9, (end - tasksDone) / 1e9);
        results.note("seed @" + label(size), String.format(Locale.ROOT, "%d tickets inserted in %.1f s (INSERT ... SELECT generate_series), "
                        + "baseline tasks %.1f s, VACUUM ANALYZE %.1f s", size - seeded, (ticketsDone - start) / 1e9,
                (tasksDone - ticketsDone) / 1e9, (end - tasksDone) / 1e9));
        seeded = size;
    }

    /** The ticket indexes that no constraint owns, by name, with their definitions; dropped. */
    private Map<String, String> dropSecondaryIndexes() {
        Map<String, String> indexes = new LinkedHashMap<>();
        app.jdbc.query("SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename = 'ticket' "
                + "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) ORDER BY i.indexname",
                rs -> {
                    indexes.put(rs.getString(1), rs.getString(2));
                });
        indexes.keySet().forEach(name -> app.jdbc.execute("DROP INDEX " + name));
        return indexes;
    }

    private void rebuild(Map<String, String> indexes) {
        if (indexes.isEmpty()) {
            return;
        }
        app.jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET maintenance_work_mem = '256MB'");
                for (String definition : indexes.values()) {
                    statement.execute(definition);
                }
                statement.execute("RESET maintenance_work_mem");
            }
            return null;
        });
    }

    private void seedTasks(long maxIdBefore) {
        String from = "FROM ticket t, act_ru_task tpl WHERE tpl.id_ = '" + templateTask + "' AND t.id > " + maxIdBefore
                + " AND t.number LIKE 'BENCH-%' AND t.status IN (" + OPEN + ")";
        Map<String, String> task = new LinkedHashMap<>();
        task.put("id_", "'bt' || t.id");
        task.put("rev_", "1");
        task.put("execution_id_", "NULL");
        task.put("proc_inst_id_", "NULL");
        task.put("name_", "'Respond to customer: ' || t.number");
        task.put("assignee_", "t.assignee");
        task.put("priority_", "t.priority_rank");
        task.put("create_time_", "t.created_at");
        task.put("last_updated_", "t.updated_at");
        task.put("due_date_", "t.created_at + interval '8 hours'");
        copy("act_ru_task", task, from);

        String linkFrom = from.replace("act_ru_task tpl WHERE tpl.id_ =", "act_ru_identitylink tpl WHERE tpl.type_ = 'candidate' AND tpl.task_id_ =");
        Map<String, String> link = new LinkedHashMap<>();
        link.put("id_", "'bl' || t.id");
        link.put("rev_", "1");
        link.put("group_id_", "t.team");
        link.put("task_id_", "'bt' || t.id");
        copy("act_ru_identitylink", link, linkFrom);

        String authFrom = from.replace("act_ru_task tpl WHERE tpl.id_ =", "act_ru_authorization tpl WHERE tpl.group_id_ IS NOT NULL AND tpl.resource_id_ =");
        Map<String, String> auth = new LinkedHashMap<>();
        auth.put("id_", "'ba' || t.id");
        auth.put("rev_", "1");
        auth.put("group_id_", "t.team");
        auth.put("resource_id_", "'bt' || t.id");
        auth.put("root_proc_inst_id_", "NULL");
        copy("act_ru_authorization", auth, authFrom);
    }

    private void copy(String table, Map<String, String> overrides, String from) {
        List<String> columns = app.jdbc.queryForList("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                + "AND table_name = ? ORDER BY ordinal_position", String.class, table);
        StringJoiner names = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        for (String c : columns) {
            names.add(c);
            values.add(overrides.getOrDefault(c, "tpl." + c));
        }
        app.jdbc.update("INSERT INTO " + table + " (" + names + ") SELECT " + values + " " + from);
    }

    /** EXPLAIN ANALYZE of the SQL our queries run (as TicketQueries builds it), written to target/bench. */
    private void explain(int size) throws IOException {
        String visible = "(team IN ('team07', 'team12') OR assignee = '" + AGENT + "')";
        String columns = "id, tenant_id, number, subject, description, requester_name, requester_email, customer_id, organization_id, "
                + "channel, status, priority, category, tags, custom_fields, team, assignee, process_instance_id, snoozed_until, "
                + "merged_into_id, first_responded_at, resolved_at, "
                + "closed_at, created_at, updated_at, priority_rank";
        Map<String, String> sql = new LinkedHashMap<>();
        // as TicketQueries builds them for this agent: team07 is one of its teams and "me" is itself,
        // so the visibility clause is implied and left out
        sql.put("team queue", "SELECT " + columns + " FROM ticket WHERE tenant_id = 'default'"
                + " AND status IN ('NEW', 'OPEN', 'IN_PROGRESS') AND team = 'team07' AND snoozed_until IS NULL"
                + " ORDER BY priority_rank DESC, created_at, id LIMIT 26");
        sql.put("my tickets", "SELECT " + columns + " FROM ticket WHERE tenant_id = 'default'"
                + " AND status IN ('NEW', 'OPEN', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY') AND assignee = '" + AGENT
                + "' ORDER BY priority_rank DESC, created_at, id LIMIT 26");
        String word = product(11).toLowerCase(Locale.ROOT);
        sql.put("search", "SELECT " + columns + " FROM ticket WHERE tenant_id = 'default' AND " + visible
                + " AND priority IN ('HIGH', 'URGENT') AND (number = '" + word + "' OR search_vector @@ plainto_tsquery('simple', '" + word
                + "')) ORDER BY created_at DESC, id DESC LIMIT 26");
        String counted = "status IN ('NEW', 'OPEN', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY', 'RESOLVED')";
        String base = "SELECT status, count(*) AS n FROM ticket WHERE tenant_id = 'default' AND " + counted;
        sql.put("count badges (team)", "SELECT status, sum(n) AS n FROM (" + base + " AND team = 'team07' AND team IN ('team07', 'team12') GROUP BY status "
                + "UNION ALL " + base + " AND team = 'team07' AND assignee = '" + AGENT + "' AND (team IS NULL OR team NOT IN ('team07', 'team12')) "
                + "GROUP BY status) AS parts GROUP BY status");
        StringBuilder out = new StringBuilder("EXPLAIN (ANALYZE, BUFFERS) at " + label(size) + " tickets\n\n");
        List<String> seqScans = new ArrayList<>();
        for (var e : sql.entrySet()) {
            out.append("== ").append(e.getKey()).append("\n").append(e.getValue()).append("\n\n");
            List<String> plan = app.jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + e.getValue(), String.class);
            plan.forEach(l -> out.append(l).append('\n'));
            out.append('\n');
            if (plan.stream().anyMatch(l -> l.contains("Seq Scan on ticket"))) {
                seqScans.add(e.getKey());
            }
        }
        Files.createDirectories(config.output());
        Files.writeString(config.output().resolve("explain-" + label(size) + ".txt"), out.toString());
        results.note("explain @" + label(size), seqScans.isEmpty() ? "every inbox query uses an index (target/bench/explain-" + label(size) + ".txt)"
                : "SEQUENTIAL SCAN in " + seqScans + " (target/bench/explain-" + label(size) + ".txt)");
    }

    private static String products(String[] a, String[] b) {
        StringJoiner j = new StringJoiner(",", "ARRAY[", "]");
        for (String y : b) {
            for (String x : a) {
                j.add("'" + x + y + "on'");
            }
        }
        return j.toString();
    }

    /** Rows numbered g in [?, ?]: deterministic (hash of g), so every size holds the smaller sizes' rows. */
    /** Seeding at least this many tickets at once drops the secondary indexes and rebuilds them afterwards. */
    static final int REBUILD_INDEXES_FROM = 200_000;

    static final String SEED_TICKETS = """
            INSERT INTO ticket (tenant_id, number, subject, description, requester_name, requester_email, channel, status, priority,
                category, tags, custom_fields, team, assignee, snoozed_until, resolved_at, closed_at,
                created_at, updated_at)
            SELECT 'default', 'BENCH-' || lpad(s.g::text, 8, '0'),
                   topic || ' - ' || prod,
                   'Hello, we use ' || prod || ' and: ' || lower(topic) || '. This is order ' || s.g || ' of customer ' || s.cust
                       || '. Could you please have a look soon? Thank you.',
                   'Customer ' || s.cust, 'customer' || s.cust || '@example.com',
                   (ARRAY['EMAIL','WEB_FORM','PORTAL','CHAT','PHONE','API'])[1 + s.h8 % 6],
                   a.st, a.pr, (ARRAY['general','billing','technical','account','feature_request'])[1 + s.h9 % 5],
                   CASE WHEN s.h8 % 20 = 0 THEN ARRAY['vip'] ELSE '{}'::text[] END, '{}'::jsonb,
                   'team' || lpad(a.teamno::text, 2, '0'),
                   CASE WHEN s.ha < 1000 THEN 'agent' || lpad(a.teamno::text, 2, '0') || 'n' || (1 + s.h9 % 5) END,
                   CASE WHEN a.st IN ('OPEN', 'IN_PROGRESS') AND s.h8 % 50 = 0 THEN now() + interval '2 days' END,
                   CASE WHEN a.st IN ('RESOLVED', 'CLOSED') THEN b.created + interval '1 day' END,
                   CASE WHEN a.st = 'CLOSED' THEN b.created + interval '5 days' END,
                   b.created, b.created + interval '1 hour'
            FROM (SELECT g,
                         (hashint4extended(g, 1) & 2147483647) % 10000 AS hs,
                         (hashint4extended(g, 2) & 2147483647) % 10000 AS hp,
                         (hashint4extended(g, 3) & 2147483647) % 10000 AS ht,
                         (hashint4extended(g, 4) & 2147483647) % 10000 AS ha,
                         (hashint4extended(g, 5) & 2147483647) % 200 AS hprod,
                         (hashint4extended(g, 6) & 2147483647) % 20 AS htopic,
                         (hashint4extended(g, 7) & 2147483647) % 100000 AS cust,
                         (hashint4extended(g, 8) & 2147483647) AS h8,
                         (hashint4extended(g, 9) & 2147483647) AS h9
                  FROM generate_series(?::int, ?::int) AS g) s
            CROSS JOIN LATERAL (SELECT
                   CASE WHEN s.hs < 5500 THEN 'CLOSED' WHEN s.hs < 7000 THEN 'RESOLVED' WHEN s.hs < 8200 THEN 'OPEN'
                        WHEN s.hs < 8800 THEN 'NEW' WHEN s.hs < 9300 THEN 'IN_PROGRESS' WHEN s.hs < 9800 THEN 'WAITING_ON_CUSTOMER'
                        ELSE 'WAITING_ON_THIRD_PARTY' END AS st,
                   CASE WHEN s.hp < 3000 THEN 'LOW' WHEN s.hp < 7500 THEN 'MEDIUM' WHEN s.hp < 9300 THEN 'HIGH'
                        WHEN s.hp < 9900 THEN 'URGENT' ELSE 'CRITICAL' END AS pr,
                   1 + least(19, floor(20 * power(s.ht / 10000.0, 1.3)))::int AS teamno,
                   (PRODUCTS)[1 + s.hprod] AS prod,
                   (ARRAY['Cannot sign in', 'Refund request', 'Invoice is missing', 'Export fails with an error',
                          'Password reset link expired', 'Charged twice', 'Feature request: dark mode', 'App crashes on start',
                          'Slow dashboard', 'Change of billing address', 'Cancel my subscription', 'API returns 500',
                          'Data import stuck', 'Two-factor code not arriving', 'Wrong VAT on invoice', 'Upgrade plan',
                          'Missing email notifications', 'Report shows wrong totals', 'Cannot upload attachment',
                          'Delete my account'])[1 + s.htopic] AS topic) a
            CROSS JOIN LATERAL (SELECT now() - make_interval(secs => CASE WHEN a.st IN ('NEW', 'OPEN', 'IN_PROGRESS')
                   THEN s.h8 % 2592000 ELSE s.h8 % 63072000 END) AS created) b
            """.replace("PRODUCTS", products(PRODUCTS_A, PRODUCTS_B));
}
