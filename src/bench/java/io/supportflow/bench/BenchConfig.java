package io.supportflow.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The flags, as system properties (Maven passes -D… through to the forked JVM):
 * bench.workload = all | creation,inbox,growth,timers,rules,memory (comma separated);
 * bench.size = inbox/growth ticket counts, e.g. 10000,100000,1000000;
 * bench.rounds = measured rounds after one warm-up round; and per-workload sizes (see README).
 */
record BenchConfig(Set<String> workloads, List<Integer> sizes, int rounds, int creationOps, int queryOps,
                   int timerPending, int timerDue, Path output, String argLine) {

    static final List<String> ALL = List.of("memory", "creation", "rules", "inbox", "growth", "timers");

    static BenchConfig fromSystemProperties() {
        String w = prop("bench.workload", "all");
        Set<String> workloads = new LinkedHashSet<>();
        for (String s : w.split(",")) {
            String name = s.strip().toLowerCase();
            if (name.equals("all")) {
                workloads.addAll(ALL);
            } else if (ALL.contains(name)) {
                workloads.add(name);
            } else if (!name.isEmpty()) {
                throw new IllegalArgumentException("unknown workload " + name + "; one of " + ALL + " or all");
            }
        }
        String sizeProp = prop("bench.size", "");
        List<Integer> sizes;
        if (!sizeProp.isBlank()) {
            sizes = Arrays.stream(sizeProp.split(",")).map(String::strip).map(BenchConfig::parseSize).sorted().toList();
        } else if (workloads.contains("growth")) {
            sizes = List.of(10_000, 100_000, 1_000_000);
        } else {
            sizes = List.of(100_000, 1_000_000);
        }
        return new BenchConfig(workloads, sizes, Integer.parseInt(prop("bench.rounds", "5")),
                Integer.parseInt(prop("bench.creation.ops", "50")), Integer.parseInt(prop("bench.inbox.ops", "30")),
                parseSize(prop("bench.timers.pending", "2000000")), parseSize(prop("bench.timers.due", "10000")),
                Path.of(prop("bench.outputDirectory", "target/bench")), prop("bench.argLine", "(not set)"));
    }

    boolean runs(String workload) {
        return workloads.contains(workload);
    }

    static int parseSize(String s) {
        String v = s.toLowerCase().replace("_", "");
        if (v.endsWith("m")) {
            return Integer.parseInt(v.substring(0, v.length() - 1)) * 1_000_000;
        }
        if (v.endsWith("k")) {
            return Integer.parseInt(v.substring(0, v.length() - 1)) * 1_000;
        }
        return Integer.parseInt(v);
    }

    private static String prop(String name, String fallback) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
