package io.supportflow.bench;

import static io.supportflow.bench.MemoryProbe.mib;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The benchmark suite's single entry point: ./mvnw -Pbench verify (flags in BenchConfig and the
 * README's "Performance" section). Boots the real application once, runs the selected workloads
 * (baseline and ours interleaved in rounds after a warm-up round), prints one table and writes it
 * as JSON to target/bench/. The suite measures; it does not fail the build on a missed target.
 */
class BenchmarkSuite {

    @Test
    void run() throws Exception {
        BenchConfig config = BenchConfig.fromSystemProperties();
        Results results = new Results();
        long started = System.nanoTime();
        machine(results, config);
        System.out.println("[bench] workloads " + config.workloads() + ", sizes " + config.sizes() + ", rounds " + config.rounds());
        try (BenchApp app = BenchApp.start(config)) {
            results.note("database", app.embedded ? "embedded PostgreSQL " + app.jdbc.queryForObject("SHOW server_version", String.class)
                    + " (fresh cluster in target/bench/pgdata, fsync " + app.jdbc.queryForObject("SHOW fsync", String.class)
                    + ", shared_buffers " + app.jdbc.queryForObject("SHOW shared_buffers", String.class) + ")"
                    : "SPRING_DATASOURCE_URL (" + app.jdbc.queryForObject("SHOW server_version", String.class) + ")");
            results.note("history level", app.engineConfiguration().getHistoryLevel().getName());
            MemoryProbe memory = new MemoryProbe(app.dataDirectory);
            if (config.runs("memory")) {
                System.gc();
                Thread.sleep(2000);
                long jvm = MemoryProbe.jvmRssBytes();
                long pg = memory.postgresPssBytes();
                results.add("5 memory", "app RSS, idle after boot", mib(jvm), "-", "-", "<= 1024 MiB", Results.verdict(jvm <= 1L << 30),
                        "VmRSS of the JVM (" + config.argLine() + "); it also hosts the benchmark driver");
                results.add("5 memory", "stack (app RSS + PostgreSQL PSS), idle", mib(pg < 0 ? -1 : jvm + pg), "-", "-", "<= 4096 MiB",
                        pg < 0 ? Results.Verdict.NOT_MEASURED : Results.verdict(jvm + pg <= 4L << 30), pg < 0 ? "external database"
                                : "PostgreSQL: " + memory.postgresProcessCount() + " processes, PSS " + mib(pg) + " (RSS sum " + mib(memory.postgresRssBytes()) + ")");
            }
            if (config.runs("creation")) {
                step("creation", () -> {
                    try (MemoryProbe.Sampler sampler = memory.new Sampler()) {
                        new CreationBenchmark(app, config, results).run();
                        sampler.close();
                        if (config.runs("memory")) {
                            long jvm = sampler.jvmPeak.get();
                            results.add("5 memory", "app RSS peak under workload 1", mib(jvm), "-", "-", "<= 1024 MiB",
                                    Results.verdict(jvm <= 1L << 30), "sampled every 200 ms");
                            long stack = sampler.stackPeak.get();
                            boolean external = memory.postgresPssBytes() < 0;
                            results.add("5 memory", "stack peak under workload 1", external ? "-" : mib(stack), "-", "-", "<= 4096 MiB",
                                    external ? Results.Verdict.NOT_MEASURED : Results.verdict(stack <= 4L << 30), "app RSS + PostgreSQL PSS");
                        }
                    }
                });
            }
            if (config.runs("rules")) {
                step("rules", () -> new RulesBenchmark(app, config, results).run());
            }
            if (config.runs("inbox") || config.runs("growth")) {
                step("inbox", () -> {
                    try (MemoryProbe.Sampler sampler = memory.new Sampler()) {
                        new InboxBenchmark(app, config, results).run(config.runs("inbox"), config.runs("growth"));
                        sampler.close();
                        if (config.runs("memory")) {
                            results.add("5 memory", "stack peak under workload 2 (largest size)", memory.postgresPssBytes() < 0 ? "-"
                                    : mib(sampler.stackPeak.get()), "-", "-", "<= 4096 MiB",
                                    memory.postgresPssBytes() < 0 ? Results.Verdict.NOT_MEASURED : Results.verdict(sampler.stackPeak.get() <= 4L << 30),
                                    "app RSS peak " + mib(sampler.jvmPeak.get()) + " + PostgreSQL PSS, seeding included");
                        }
                    }
                });
            }
            if (config.runs("timers")) {
                step("timers", () -> new TimerStormBenchmark(app, config, results).run());
            }
        }
        results.note("duration", String.format(Locale.ROOT, "%.1f min", (System.nanoTime() - started) / 6e10));
        String table = results.table();
        System.out.println();
        System.out.println("================================ SupportFlow benchmark ================================");
        System.out.println(table);
        results.write(config.output());
        System.out.println("[bench] written to " + config.output().toAbsolutePath().resolve("results.json"));
    }

    interface Step {
        void run() throws Exception;
    }

    private static void step(String name, Step step) throws Exception {
        long s = System.nanoTime();
        System.out.println("[bench] >>> " + name + " at " + Instant.now());
        step.run();
        System.out.printf(Locale.ROOT, "[bench] <<< %s took %.1f s%n", name, (System.nanoTime() - s) / 1e9);
    }

    private static void machine(Results results, BenchConfig config) {
        results.note("date", Instant.now().toString());
        results.note("machine", Runtime.getRuntime().availableProcessors() + " cores (nproc), " + memTotal() + " RAM, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", load average at start "
                + String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        results.note("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", " + config.argLine());
        results.note("workloads", config.workloads() + ", inbox sizes " + config.sizes() + ", " + config.rounds()
                + " measured rounds after 1 warm-up round");
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kb / 1048576.0);
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return "?";
    }
}
