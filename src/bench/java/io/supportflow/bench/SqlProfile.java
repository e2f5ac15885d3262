package io.supportflow.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * With -Dbench.sqlProfile=true: counts the JDBC round trips (execute, executeQuery,
 * executeUpdate, executeBatch), the rows sent in batches and the time per SQL text, so that the
 * creation workload can print what one ticket costs in statements. Off by default: the proxy
 * adds a little overhead of its own, so profiled runs are for counting, not for the figures.
 */
@Component
class SqlProfile implements BeanPostProcessor {

    static final boolean ENABLED = Boolean.getBoolean("bench.sqlProfile");
    private static final Map<String, Entry> ENTRIES = new ConcurrentHashMap<>();
    private static volatile boolean recording;

    static final class Entry {
        final LongAdder calls = new LongAdder();
        final LongAdder batchRows = new LongAdder();
        final AtomicLong nanos = new AtomicLong();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (ENABLED && bean instanceof DataSource ds && !(Proxy.isProxyClass(bean.getClass()))) {
            return Proxy.newProxyInstance(SqlProfile.class.getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        Object result = invoke(ds, method, args);
                        return result instanceof Connection c ? connection(c) : result;
                    });
        }
        return bean;
    }

    static void start() {
        ENTRIES.clear();
        recording = true;
    }

    static Map<String, Entry> stop() {
        recording = false;
        return Map.copyOf(ENTRIES);
    }

    /** One line per statement text, most frequent first, figures divided by {@code perTicket}. */
    static String report(Map<String, Entry> entries, int tickets) {
        StringBuilder out = new StringBuilder();
        long calls = entries.values().stream().mapToLong(e -> e.calls.sum()).sum();
        long rows = entries.values().stream().mapToLong(e -> e.batchRows.sum()).sum();
        double ms = entries.values().stream().mapToLong(e -> e.nanos.get()).sum() / 1e6;
        out.append(String.format(Locale.ROOT, "[bench] SQL per ticket: %.1f round trips, %.1f batched rows, %.2f ms in JDBC%n",
                calls / (double) tickets, rows / (double) tickets, ms / tickets));
        entries.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().nanos.get(), a.getValue().nanos.get()))
                .forEach(e -> out.append(String.format(Locale.ROOT, "[bench]   %6.2f calls %6.2f rows %7.3f ms  %s%n",
                        e.getValue().calls.sum() / (double) tickets, e.getValue().batchRows.sum() / (double) tickets,
                        e.getValue().nanos.get() / 1e6 / tickets, e.getKey())));
        return out.toString();
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Connection connection(Connection target) {
        return (Connection) Proxy.newProxyInstance(SqlProfile.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (result instanceof PreparedStatement ps && args != null && args.length > 0 && args[0] instanceof String sql) {
                        return statement(ps, PreparedStatement.class, sql);
                    }
                    if (result instanceof Statement s && !(result instanceof PreparedStatement)) {
                        return statement(s, Statement.class, null);
                    }
                    if ("commit".equals(method.getName())) {
                        count("COMMIT", 0, 0);
                    }
                    return result;
                });
    }

    private static Object statement(Statement target, Class<?> type, String preparedSql) {
        int[] batched = {0};
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("addBatch")) {
                batched[0]++;
                return invoke(target, method, args);
            }
            if (name.startsWith("execute")) {
                String sql = preparedSql != null ? preparedSql : (args != null && args.length > 0 ? String.valueOf(args[0]) : "?");
                long t = System.nanoTime();
                try {
                    return invoke(target, method, args);
                } finally {
                    count(sql, batched[0], System.nanoTime() - t);
                    batched[0] = 0;
                }
            }
            return invoke(target, method, args);
        };
        return Proxy.newProxyInstance(SqlProfile.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static void count(String sql, int rows, long nanos) {
        if (!recording) {
            return;
        }
        String key = sql.replaceAll("\\s+", " ").strip();
        if (key.length() > 150) {
            key = key.substring(0, 150) + "…";
        }
        Entry e = ENTRIES.computeIfAbsent(key, k -> new Entry());
        e.calls.increment();
        e.batchRows.add(rows);
        e.nanos.addAndGet(nanos);
    }
}
