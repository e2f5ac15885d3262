package io.supportflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resident memory from /proc: the JVM's VmRSS, and the embedded PostgreSQL's processes (the
 * postmaster named in postmaster.pid and its children). For PostgreSQL the sum of RSS counts
 * shared_buffers once per backend that touched them, so the sum of PSS (proportional set size,
 * smaps_rollup) is reported as its real footprint.
 */
final class MemoryProbe {

    private final Path dataDirectory;

    MemoryProbe(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    static long jvmRssBytes() {
        return kb(Path.of("/proc/self/status"), "VmRSS:") * 1024;
    }

    /** PSS of PostgreSQL's processes in bytes, or -1 when it is not ours (SPRING_DATASOURCE_URL). */
    long postgresPssBytes() {
        List<Long> pids = postgresPids();
        if (pids.isEmpty()) {
            return -1;
        }
        long total = 0;
        for (long pid : pids) {
            total += kb(Path.of("/proc/" + pid + "/smaps_rollup"), "Pss:") * 1024;
        }
        return total;
    }

    long postgresRssBytes() {
        long total = 0;
        for (long pid : postgresPids()) {
            total += kb(Path.of("/proc/" + pid + "/status"), "VmRSS:") * 1024;
        }
        return postgresPids().isEmpty() ? -1 : total;
    }

    int postgresProcessCount() {
        return postgresPids().size();
    }

    private List<Long> postgresPids() {
        List<Long> pids = new ArrayList<>();
        if (dataDirectory == null) {
            return pids;
        }
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
            pids.add(postmaster);
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path p : dirs.toList()) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        if (Long.parseLong(fields[1]) == postmaster) {
                            pids.add(Long.parseLong(name));
                        }
                    } catch (IOException | RuntimeException ignored) {
                        // the process ended meanwhile
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return pids;
    }

    private static long kb(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // process gone
        }
        return 0;
    }

    /** Samples peaks every 200 ms while a workload runs. */
    final class Sampler implements AutoCloseable {
        final AtomicLong jvmPeak = new AtomicLong();
        final AtomicLong stackPeak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        Sampler() {
            thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-memory-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            long jvm = jvmRssBytes();
            long pg = postgresPssBytes();
            jvmPeak.accumulateAndGet(jvm, Math::max);
            stackPeak.accumulateAndGet(jvm + Math.max(0, pg), Math::max);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
            sample();
        }
    }

    static String mib(long bytes) {
        return bytes < 0 ? "-" : String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }
}
