package io.supportflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/** Closed-loop (N workers, as fast as they can) and open-loop (fixed arrival rate) drivers. */
final class Load {

    private Load() {
    }

    /** Runs ops operations on threads workers; records each latency and the round's throughput unless warm-up. */
    static double closed(Stats stats, int threads, int ops, boolean record, IntConsumer op) {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < ops) {
                    long s = System.nanoTime();
                    op.accept(i);
                    long d = System.nanoTime() - s;
                    if (record) {
                        stats.add(d);
                    }
                }
            }));
        }
        awaitAll(futures, pool);
        double rate = ops / ((System.nanoTime() - start) / 1e9);
        if (record) {
            stats.addRound(rate);
        }
        return rate;
    }

    /**
     * Requests arrive at a fixed rate whether or not earlier ones finished; latency counts from the
     * moment a request was due to be sent, so a stall is not hidden (no coordinated omission).
     */
    static double open(Stats stats, double perSecond, double seconds, int maxConcurrency, IntConsumer op) {
        ExecutorService pool = Executors.newFixedThreadPool(maxConcurrency);
        int total = (int) Math.round(perSecond * seconds);
        long interval = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int n = i;
            futures.add(pool.submit(() -> {
                op.accept(n);
                stats.add(System.nanoTime() - due);
            }));
        }
        awaitAll(futures, pool);
        return total / ((System.nanoTime() - start) / 1e9);
    }

    /** Waits for every operation (a failure fails the measurement), then releases the threads. */
    private static void awaitAll(List<Future<?>> futures, ExecutorService pool) {
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
