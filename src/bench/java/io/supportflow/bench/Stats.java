package io.supportflow.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Latency samples (nanoseconds, pooled over rounds) and per-round throughputs (medianed). */
final class Stats {

    private long[] samples = new long[1024];
    private int size;
    private final List<Double> roundRates = new ArrayList<>();

    synchronized void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    void addAll(Stats other) {
        long[] theirs;
        int count;
        synchronized (other) {
            theirs = other.samples;
            count = other.size;
        }
        for (int i = 0; i < count; i++) {
            add(theirs[i]);
        }
    }

    synchronized void addRound(double opsPerSecond) {
        roundRates.add(opsPerSecond);
    }

    synchronized int count() {
        return size;
    }

    /** Percentile in milliseconds (nearest-rank). */
    synchronized double percentileMs(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1_000_000.0;
    }

    /** Every sample in milliseconds, in the order recorded. */
    synchronized List<Double> samplesMs() {
        List<Double> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(samples[i] / 1_000_000.0);
        }
        return out;
    }

    synchronized double medianRate() {
        return median(roundRates);
    }

    synchronized List<Double> rounds() {
        return List.copyOf(roundRates);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
