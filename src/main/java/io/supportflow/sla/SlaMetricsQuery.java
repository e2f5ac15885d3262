package io.supportflow.sla;

import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SLA compliance computed by PostgreSQL over the clocks table: one aggregate row per metric, never a ticket list. */
@Repository
class SlaMetricsQuery {

    record Filter(String tenantId, Instant from, Instant to, String team, String priority, Instant now) {
    }

    /**
     * @param compliancePercent met / (met + breached), null when nothing finished or breached yet
     * @param atRisk running, not breached, past the warning point
     * @param median median counted time of the fulfilled clocks (business time under business-hours policies)
     */
    record MetricFigures(Double compliancePercent, long met, long breached, long atRisk, long running, long paused,
                         Duration median, Duration p90) {
    }

    private final JdbcClient jdbc;

    SlaMetricsQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    MetricFigures figures(SlaMetric metric, Filter f) {
        return jdbc.sql("""
                SELECT count(*) FILTER (WHERE state = 'FULFILLED' AND breached_at IS NULL) AS met,
                       count(*) FILTER (WHERE breached_at IS NOT NULL) AS breached,
                       count(*) FILTER (WHERE state = 'RUNNING' AND breached_at IS NULL
                                        AND (warned_at IS NOT NULL OR warn_at <= :now)) AS at_risk,
                       count(*) FILTER (WHERE state = 'RUNNING') AS running,
                       count(*) FILTER (WHERE state = 'PAUSED') AS paused,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY elapsed_ms) FILTER (WHERE state = 'FULFILLED') AS median_ms,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY elapsed_ms) FILTER (WHERE state = 'FULFILLED') AS p90_ms
                FROM sla_clock
                WHERE tenant_id = :tenant AND metric = :metric AND started_at >= :from AND started_at < :to
                  AND (CAST(:team AS varchar) IS NULL OR team = :team)
                  AND (CAST(:priority AS varchar) IS NULL OR priority = :priority)""")
                .param("tenant", f.tenantId()).param("metric", metric.name())
                .param("from", Timestamp.from(f.from())).param("to", Timestamp.from(f.to()))
                .param("team", f.team()).param("priority", f.priority()).param("now", Timestamp.from(f.now()))
                .query((rs, n) -> {
                    long met = rs.getLong("met");
                    long breached = rs.getLong("breached");
                    Double compliance = met + breached == 0 ? null : Math.round(1000.0 * met / (met + breached)) / 10.0;
                    return new MetricFigures(compliance, met, breached, rs.getLong("at_risk"), rs.getLong("running"),
                            rs.getLong("paused"), millis(rs.getObject("median_ms")), millis(rs.getObject("p90_ms")));
                })
                .single();
    }

    private static Duration millis(Object value) {
        return value == null ? null : Duration.ofMillis(Math.round(((Number) value).doubleValue()));
    }
}
