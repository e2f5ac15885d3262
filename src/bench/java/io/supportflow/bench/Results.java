package io.supportflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one table of the run. Every row: what we measured (ours), the baseline measured in the
 * same run, ratio = how many times better ours is than the baseline (throughput: ours / baseline;
 * latency: baseline / ours; so &gt; 1 is better and a target like "≥ 0.7" reads the same way),
 * the target and the verdict.
 */
final class Results {

    enum Verdict { PASS, FAIL, INFO, NOT_MEASURED }

    record Row(String workload, String figure, String ours, String baseline, String ratio, String target, Verdict verdict,
               String note) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Object> notes = new LinkedHashMap<>();
    private final Instant started = Instant.now();

    synchronized void add(String workload, String figure, String ours, String baseline, String ratio, String target,
            Verdict verdict, String note) {
        Row row = new Row(workload, figure, ours, baseline, ratio, target, verdict, note);
        rows.add(row);
        System.out.printf(Locale.ROOT, "[bench] %-9s %-44s ours=%s baseline=%s ratio=%s target=%s -> %s%n", workload, figure,
                ours, baseline, ratio, target, verdict);
    }

    synchronized void notMeasured(String workload, String figure, String target, String why) {
        add(workload, figure, "-", "-", "-", target, Verdict.NOT_MEASURED, why);
    }

    synchronized void note(String key, Object value) {
        notes.put(key, value);
    }

    static Verdict verdict(boolean pass) {
        return pass ? Verdict.PASS : Verdict.FAIL;
    }

    static String f(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    synchronized String table() {
        String[] head = {"WORKLOAD", "FIGURE", "OURS", "BASELINE", "RATIO", "TARGET", "RESULT"};
        int[] width = new int[head.length];
        List<String[]> cells = new ArrayList<>();
        cells.add(head);
        for (Row r : rows) {
            cells.add(new String[] {r.workload(), r.figure(), r.ours(), r.baseline(), r.ratio(), r.target(),
                    r.verdict() == Verdict.NOT_MEASURED ? "NOT MEASURED" : r.verdict().name()});
        }
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < cells.size(); n++) {
            String[] c = cells.get(n);
            for (int i = 0; i < c.length; i++) {
                out.append(String.format("%-" + width[i] + "s", c[i]));
                out.append(i == c.length - 1 ? "\n" : " | ");
            }
            if (n == 0) {
                for (int i = 0; i < c.length; i++) {
                    out.append("-".repeat(width[i])).append(i == c.length - 1 ? "\n" : "-+-");
                }
            }
        }
        List<Row> withNotes = rows.stream().filter(r -> r.note() != null && !r.note().isBlank()).toList();
        if (!withNotes.isEmpty()) {
            out.append("\nNotes:\n");
            for (Row r : withNotes) {
                out.append("- ").append(r.workload()).append(" / ").append(r.figure()).append(": ").append(r.note()).append('\n');
            }
        }
        out.append("\nRun:\n");
        notes.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
        return out.toString();
    }

    synchronized void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("started", started.toString());
        json.put("finished", Instant.now().toString());
        json.put("run", notes);
        json.put("rows", rows);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        byte[] bytes = mapper.writeValueAsBytes(json);
        Files.write(directory.resolve("results.json"), bytes);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        Files.write(directory.resolve("results-" + stamp + ".json"), bytes);
        Files.writeString(directory.resolve("results.txt"), table());
    }
}
