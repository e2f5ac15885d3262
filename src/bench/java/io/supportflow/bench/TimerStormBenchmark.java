package io.supportflow.bench;

import static io.supportflow.bench.Results.f;
import static io.supportflow.bench.Results.ratio;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Workload 3. 2M pending timers (raw ACT_RU_JOB rows of the real SLA "Target missed" timer,
 * due 30+ days ahead, never due during the run) plus real process instances whose timers are made
 * due at once. Ours: the SLA breach (timer → the real recordSlaBreach step of processes/sla-clock.bpmn:
 * a running first-response clock row is marked breached, an activity entry published). Baseline: a no-op timer (timer → end) on the same engine, same run.
 * Acquisition latency is the engine's own AcquireJobsCmd, timed with and without the due-date
 * index sf_idx_job_acquisition (dropped and recreated within the run).
 */
final class TimerStormBenchmark {

    static final String OURS = "BenchSlaTimer";
    static final String NOOP = "BenchNoopTimer";

    private final BenchApp app;
    private final BenchConfig config;
    private final Results results;
    private final BenchTimerProbe probe;
    private final JobExecutor jobExecutor;
    private final CommandExecutor commands;
    private final TransactionTemplate transactions;

    TimerStormBenchmark(BenchApp app, BenchConfig config, Results results) {
        this.app = app;
        this.config = config;
        this.results = results;
        this.probe = app.bean(BenchTimerProbe.class);
        this.jobExecutor = app.engineConfiguration().getJobExecutor();
        this.commands = app.engineConfiguration().getCommandExecutorTxRequired();
        this.transactions = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
    }

    static BpmnModelInstance model(String key, boolean escalate) {
        var timer = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent()
                .intermediateCatchEvent("due").timerWithDate("${due}");
        if (escalate) {
            return timer.serviceTask("escalate").camundaDelegateExpression("${recordSlaBreach}")
                    .camundaExecutionListenerDelegateExpression("start", "${benchTimerProbe}")
                    .endEvent("escalated").done();
        }
        return timer.endEvent("done").camundaExecutionListenerDelegateExpression("start", "${benchTimerProbe}").done();
    }

    void run() throws IOException {
        app.engine.getRepositoryService().createDeployment().name("bench-timers")
                .addModelInstance("bench-sla-timer.bpmn", model(OURS, true))
                .addModelInstance("bench-noop-timer.bpmn", model(NOOP, false)).deploy();
        int due = config.timerDue();
        int pending = config.timerPending();
        int steady = Integer.getInteger("bench.timers.steady", 200);
        int baseDue = Integer.getInteger("bench.timers.baselineDue", Math.max(1, due / 4));
        String jobExecutorSettings = String.format(Locale.ROOT, "job executor: maxJobsPerAcquisition %d, wait %d ms, max wait %d ms, lock %d ms",
                jobExecutor.getMaxJobsPerAcquisition(), jobExecutor.getWaitTimeInMillis(), jobExecutor.getMaxWait(), jobExecutor.getLockTimeInMillis());
        results.note("timer storm", jobExecutorSettings);

        // tickets for the escalations to update
        long firstTicket = seedStormTickets(due + steady);
        long t0 = System.nanoTime();
        startInstances(OURS, due + steady, firstTicket);
        startInstances(NOOP, baseDue, -1);
        System.out.printf(Locale.ROOT, "[bench] timers: %d instances started in %.1f s%n", due + baseDue + steady, (System.nanoTime() - t0) / 1e9);

        jobExecutor.shutdown();
        t0 = System.nanoTime();
        seedFiller(pending);
        app.jdbc.execute("VACUUM ANALYZE act_ru_job");
        System.out.printf(Locale.ROOT, "[bench] timers: %d filler jobs seeded in %.1f s%n", pending, (System.nanoTime() - t0) / 1e9);
        long totalJobs = app.jdbc.queryForObject("SELECT count(*) FROM act_ru_job", Long.class);

        // acquisition latency, job executor stopped: idle (nothing due; the most frequent acquisition)
        String indexDef = app.jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = 'sf_idx_job_acquisition'", String.class);
        int noIndexOps = Integer.getInteger("bench.timers.noIndexOps", 8);
        Stats idleWith = acquisitions(200, false);
        app.jdbc.execute("DROP INDEX sf_idx_job_acquisition");
        app.jdbc.execute("ANALYZE act_ru_job");
        Stats idleWithout = acquisitions(noIndexOps, false);
        app.jdbc.execute(indexDef);
        app.jdbc.execute("ANALYZE act_ru_job");
        double idle = idleWith.percentileMs(95);
        double idleBase = idleWithout.percentileMs(95);
        results.add("3 timers", "acquisition p95, " + label(pending) + " pending, none due (ms)", f(idle), f(idleBase), ratio(idleBase / idle),
                "< 5 ms", Results.verdict(idle < 5), "AcquireJobsCmd via the engine's command executor, " + idleWith.count()
                        + " calls; baseline = same without sf_idx_job_acquisition (" + idleWithout.count() + " calls); " + totalJobs + " jobs in ACT_RU_JOB");

        // the baseline storm: no-op timers, all due at once, job executor on
        Storm base = storm(NOOP, baseDue);

        // acquisition with the storm due (committed), each acquisition rolled back so nothing stays locked
        jobExecutor.shutdown();
        app.jdbc.update("UPDATE act_ru_job SET duedate_ = ? WHERE id_ IN (SELECT id_ FROM act_ru_job WHERE process_def_key_ = ? "
                + "AND duedate_ > now() + interval '300 days' LIMIT ?)", Timestamp.from(Instant.now()), OURS, due);
        // the engine's option ensureJobDueDateNotNull drops "DUEDATE_ is null or" from the acquisition
        // query; it is read per acquisition, so the configured value and the other one alternate here
        boolean notNull = app.engineConfiguration().isEnsureJobDueDateNotNull();
        Stats dueWith = new Stats();
        Stats dueOtherSetting = new Stats();
        for (int block = 0; block < 4; block++) {
            dueWith.addAll(acquisitions(25, true));
            app.engineConfiguration().setEnsureJobDueDateNotNull(!notNull);
            try {
                dueOtherSetting.addAll(acquisitions(25, true));
            } finally {
                app.engineConfiguration().setEnsureJobDueDateNotNull(notNull);
            }
        }
        explainAcquisition();
        app.jdbc.execute("DROP INDEX sf_idx_job_acquisition");
        Stats dueWithout = acquisitions(noIndexOps, true);
        app.jdbc.execute(indexDef);
        double dueP95 = dueWith.percentileMs(95);
        double dueBase = dueWithout.percentileMs(95);
        results.add("3 timers", "acquisition p95, " + label(pending) + " pending, " + label(due) + " due (ms)", f(dueP95), f(dueBase),
                ratio(dueBase / dueP95), "< 5 ms", Results.verdict(dueP95 < 5),
                "acquires and locks up to maxJobsPerAcquisition jobs, in a transaction rolled back afterwards; ensureJobDueDateNotNull "
                        + notNull + "; with " + !notNull + " instead (alternating blocks of 25, same run) p95 "
                        + f(dueOtherSetting.percentileMs(95)) + " ms; plans of both in target/bench/explain-acquisition.txt");

        // our storm: the SLA escalations, due again at one new instant
        Storm ours = storm(OURS, due);
        results.add("3 timers", "drain " + label(due) + " due SLA escalations (s)", f(ours.seconds), f(base.seconds), ratio(base.seconds / ours.seconds),
                "<= 100 s", Results.verdict(ours.seconds <= 100 && ours.fired == due), ours.fired + " of " + due + " fired; " + jobExecutorSettings);
        results.add("3 timers", "storm throughput (jobs/s)", f(ours.rate()), f(base.rate()), ratio(ours.rate() / base.rate()), "ratio >= 0.80",
                Results.verdict(ours.rate() / base.rate() >= 0.8), "baseline = no-op timer job (timer -> end), same engine, same run, a storm of " + base.fired + " run just before ours");
        results.add("3 timers", "storm lateness p99 (s)", f(ours.p99), f(base.p99), ratio(base.p99 / ours.p99), "-", Results.Verdict.INFO,
                "10k due at the same instant: the last ones necessarily wait for the drain; p50 " + f(ours.p50) + " s");

        // steady state: SLA escalations due one after another, 2M pending
        Steady s = steady(steady);
        double waitTarget = jobExecutor.getMaxWait() / 1000.0 + 1;
        results.add("3 timers", "escalation lateness p99, steady (s)", f(s.p99), "-", "-", "<= " + f(waitTarget) + " s (max acquisition wait + 1 s)",
                Results.verdict(s.p99 <= waitTarget), s.fired + " escalations due " + s.spacingMs + " ms apart with " + label(pending)
                        + " pending; p50 " + f(s.p50) + " s, max " + f(s.max) + " s");
    }

    record Storm(int fired, double seconds, double p50, double p99) {
        double rate() {
            return fired / seconds;
        }
    }

    record Steady(int fired, long spacingMs, double p50, double p99, double max) {
    }

    private Storm storm(String key, int count) {
        long before = probe.count(key);
        Timestamp dueAt = Timestamp.from(Instant.now());
        jobExecutor.shutdown();
        int updated = app.jdbc.update("UPDATE act_ru_job SET duedate_ = ? WHERE id_ IN (SELECT id_ FROM act_ru_job WHERE process_def_key_ = ? "
                + "AND (duedate_ > now() + interval '300 days' OR duedate_ < now()) ORDER BY duedate_ LIMIT ?)", dueAt, key, count);
        long start = System.currentTimeMillis();
        jobExecutor.start();
        long timeout = start + Long.getLong("bench.timers.timeoutSeconds", 240) * 1000;
        while (probe.count(key) - before < updated && System.currentTimeMillis() < timeout) {
            sleep(100);
        }
        List<Double> lateness = new ArrayList<>();
        long last = start;
        for (BenchTimerProbe.Firing f : probe.firings.values()) {
            if (f.processDefinitionId().startsWith(key + ":") && f.dueMillis() == dueAt.getTime()) {
                lateness.add((f.firedMillis() - dueAt.getTime()) / 1000.0);
                last = Math.max(last, f.firedMillis());
            }
        }
        double seconds = (last - dueAt.getTime()) / 1000.0;
        Stats st = new Stats();
        lateness.forEach(l -> st.add((long) (l * 1e9)));
        System.out.printf(Locale.ROOT, "[bench] storm %s: %d of %d fired in %.1f s%n", key, lateness.size(), updated, seconds);
        return new Storm(lateness.size(), seconds, st.percentileMs(50) / 1000, st.percentileMs(99) / 1000);
    }

    private Steady steady(int count) {
        long spacing = Long.getLong("bench.timers.steadySpacingMs", 100);
        long first = System.currentTimeMillis() + 3000;
        List<String> ids = app.jdbc.queryForList("SELECT id_ FROM act_ru_job WHERE process_def_key_ = ? AND duedate_ > now() + interval '300 days' "
                + "ORDER BY id_ LIMIT ?", String.class, OURS, count);
        for (int i = 0; i < ids.size(); i++) {
            app.jdbc.update("UPDATE act_ru_job SET duedate_ = ? WHERE id_ = ?", new Timestamp(first + i * spacing), ids.get(i));
        }
        long until = first + ids.size() * spacing + 30_000;
        while (System.currentTimeMillis() < until) {
            long fired = probe.firings.values().stream().filter(f -> f.processDefinitionId().startsWith(OURS + ":") && f.dueMillis() >= first).count();
            if (fired >= ids.size()) {
                break;
            }
            sleep(200);
        }
        Stats st = new Stats();
        double max = 0;
        int fired = 0;
        for (BenchTimerProbe.Firing f : probe.firings.values()) {
            if (f.processDefinitionId().startsWith(OURS + ":") && f.dueMillis() >= first) {
                double late = Math.max(0, f.firedMillis() - f.dueMillis()) / 1000.0;
                st.add((long) (late * 1e9));
                max = Math.max(max, late);
                fired++;
            }
        }
        return new Steady(fired, spacing, st.percentileMs(50) / 1000, st.percentileMs(99) / 1000, max);
    }

    /**
     * EXPLAIN ANALYZE of the engine's acquisition query (Job.xml, selectNextJobsToExecute, as the
     * engine sends it here: by due date, not deployment-aware, no priority range), with and without
     * the "DUEDATE_ is null" branch that ensureJobDueDateNotNull removes.
     */
    private void explainAcquisition() throws IOException {
        StringBuilder out = new StringBuilder("EXPLAIN (ANALYZE, BUFFERS) of the job acquisition query, jobs due\n\n");
        for (boolean notNull : new boolean[] {true, false}) {
            String sql = "SELECT RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_ FROM ACT_RU_JOB RES"
                    + " WHERE (RES.RETRIES_ > 0) AND (" + (notNull ? "" : "RES.DUEDATE_ is null or ") + "RES.DUEDATE_ <= ?)"
                    + " AND (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < ?) AND RES.SUSPENSION_STATE_ = 1"
                    + " AND ((RES.EXCLUSIVE_ = true AND NOT EXISTS (SELECT J2.ID_ FROM ACT_RU_JOB J2"
                    + " WHERE J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ AND (J2.EXCLUSIVE_ = true)"
                    + " AND (J2.LOCK_OWNER_ is not null AND J2.LOCK_EXP_TIME_ >= ?))) OR RES.EXCLUSIVE_ = false)"
                    + " ORDER BY RES.DUEDATE_ ASC LIMIT " + jobExecutor.getMaxJobsPerAcquisition() + " OFFSET 0";
            Timestamp now = Timestamp.from(Instant.now());
            out.append("== ensureJobDueDateNotNull ").append(notNull).append("\n").append(sql).append("\n\n");
            app.jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + sql, String.class, now, now, now).forEach(l -> out.append(l).append('\n'));
            out.append('\n');
        }
        Files.createDirectories(config.output());
        Files.writeString(config.output().resolve("explain-acquisition.txt"), out.toString());
    }

    private Stats acquisitions(int n, boolean withDue) {
        Stats stats = new Stats();
        for (int i = 0; i < n + 2; i++) {
            boolean record = i >= 2;
            transactions.executeWithoutResult(status -> {
                long s = System.nanoTime();
                int acquired = commands.execute(new AcquireJobsCmd(jobExecutor)).size();
                long d = System.nanoTime() - s;
                if (record) {
                    stats.add(d);
                }
                if (withDue && acquired == 0) {
                    throw new IllegalStateException("nothing acquired although jobs are due");
                }
                status.setRollbackOnly();
            });
        }
        return stats;
    }

    private long seedStormTickets(int count) {
        long maxBefore = app.jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM ticket", Long.class);
        app.jdbc.update(InboxBenchmark.SEED_TICKETS, 90_000_001, 90_000_000 + count);
        // a running first-response clock on each, for the breach step to record
        app.jdbc.update("""
                INSERT INTO sla_clock (ticket_id, metric, tenant_id, team, priority, policy, target_ms, business_hours,
                    warn_percent, escalation, state, started_at, running_since, warn_at, due_at)
                SELECT id, 'FIRST_RESPONSE', tenant_id, team, priority, 'Bench', 3600000, false, 75, 'PT0S notify',
                    'RUNNING', now(), now(), now(), now()
                FROM ticket WHERE id > ?""", maxBefore);
        return maxBefore + 1;
    }

    private void startInstances(String key, int count, long firstTicket) {
        RuntimeService runtime = app.engine.getRuntimeService();
        Date farAway = Date.from(Instant.now().plusSeconds(366L * 86400));
        int batch = 200;
        List<Long> ticketIds = firstTicket < 0 ? List.of()
                : app.jdbc.queryForList("SELECT id FROM ticket WHERE id >= ? ORDER BY id LIMIT ?", Long.class, firstTicket, count);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int from = 0; from < count; from += batch) {
            int start = from;
            done.add(pool.submit(() -> transactions.executeWithoutResult(status -> {
                for (int i = start; i < Math.min(count, start + batch); i++) {
                    var builder = runtime.createProcessInstanceByKey(key).businessKey(key + "-" + i).setVariable("due", farAway);
                    if (!ticketIds.isEmpty()) {
                        builder.setVariable("ticketId", ticketIds.get(i % ticketIds.size())).setVariable("metric", "FIRST_RESPONSE");
                    }
                    builder.execute();
                }
            })));
        }
        try {
            for (var f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    private void seedFiller(int pending) {
        var jobDef = app.jdbc.queryForMap("SELECT d.id_, d.proc_def_id_, p.deployment_id_ FROM act_ru_jobdef d JOIN act_re_procdef p ON p.id_ = d.proc_def_id_ "
                + "WHERE d.act_id_ = 'TimerEvent_TargetMissed' ORDER BY p.version_ DESC LIMIT 1");
        int chunk = 500_000;
        for (int from = 1; from <= pending; from += chunk) {
            int to = Math.min(pending, from + chunk - 1);
            app.jdbc.update("""
                    INSERT INTO act_ru_job (id_, rev_, type_, exclusive_, execution_id_, process_instance_id_, root_proc_inst_id_,
                        process_def_id_, process_def_key_, retries_, duedate_, handler_type_, handler_cfg_, deployment_id_,
                        suspension_state_, job_def_id_, priority_, sequence_counter_, create_time_)
                    SELECT 'filler-' || g, 1, 'timer', true, 'fx' || g, 'fp' || g, 'fp' || g, ?, 'SlaClock', 3,
                        now() + interval '30 days' + g * interval '1 second', 'timer-intermediate-transition', 'TimerEvent_TargetMissed', ?,
                        1, ?, 0, 1, now()
                    FROM generate_series(?::int, ?::int) AS g""", jobDef.get("proc_def_id_"), jobDef.get("deployment_id_"), jobDef.get("id_"), from, to);
        }
    }

    private static String label(int n) {
        return InboxBenchmark.label(n);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
