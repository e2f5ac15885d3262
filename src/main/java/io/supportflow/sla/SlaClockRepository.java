package io.supportflow.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SlaClockRepository {

    private final JdbcClient jdbc;

    SlaClockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ticket's clocks, locked until the transaction ends: every change to a clock goes through here. */
    List<SlaClock> lockAll(long ticketId) {
        return jdbc.sql("SELECT * FROM sla_clock WHERE ticket_id = :ticket ORDER BY metric FOR UPDATE")
                .param("ticket", ticketId).query(this::map).list();
    }

    List<SlaClock> findAll(long ticketId) {
        return jdbc.sql("SELECT * FROM sla_clock WHERE ticket_id = :ticket ORDER BY metric")
                .param("ticket", ticketId).query(this::map).list();
    }

    Optional<SlaClock> find(long ticketId, SlaMetric metric) {
        return jdbc.sql("SELECT * FROM sla_clock WHERE ticket_id = :ticket AND metric = :metric")
                .param("ticket", ticketId).param("metric", metric.name()).query(this::map).optional();
    }

    Optional<SlaClock> lock(long ticketId, SlaMetric metric) {
        return jdbc.sql("SELECT * FROM sla_clock WHERE ticket_id = :ticket AND metric = :metric FOR UPDATE")
                .param("ticket", ticketId).param("metric", metric.name()).query(this::map).optional();
    }

    void save(SlaClock c) {
        jdbc.sql("""
                INSERT INTO sla_clock (ticket_id, metric, tenant_id, team, priority, policy, target_ms, business_hours,
                    calendar_team, warn_percent, escalation, state, started_at, elapsed_ms, running_since, paused_since,
                    paused_ms, warn_at, due_at, warned_at, breached_at, fulfilled_at, escalation_level, cycle, process_instance_id)
                VALUES (:ticket, :metric, :tenant, :team, :priority, :policy, :target, :business, :calendarTeam, :warnPercent,
                    :escalation, :state, :startedAt, :elapsed, :runningSince, :pausedSince, :paused, :warnAt, :dueAt,
                    :warnedAt, :breachedAt, :fulfilledAt, :level, :cycle, :pid)
                ON CONFLICT (ticket_id, metric) DO UPDATE SET team = excluded.team, priority = excluded.priority,
                    policy = excluded.policy, target_ms = excluded.target_ms, business_hours = excluded.business_hours,
                    calendar_team = excluded.calendar_team, warn_percent = excluded.warn_percent,
                    escalation = excluded.escalation, state = excluded.state, started_at = excluded.started_at,
                    elapsed_ms = excluded.elapsed_ms, running_since = excluded.running_since,
                    paused_since = excluded.paused_since, paused_ms = excluded.paused_ms, warn_at = excluded.warn_at,
                    due_at = excluded.due_at, warned_at = excluded.warned_at, breached_at = excluded.breached_at,
                    fulfilled_at = excluded.fulfilled_at, escalation_level = excluded.escalation_level,
                    cycle = excluded.cycle, process_instance_id = excluded.process_instance_id""")
                .param("ticket", c.ticketId).param("metric", c.metric.name()).param("tenant", c.tenantId)
                .param("team", c.team).param("priority", c.priority).param("policy", c.policy)
                .param("target", c.target.toMillis()).param("business", c.businessHours).param("calendarTeam", c.calendarTeam)
                .param("warnPercent", c.warnPercent).param("escalation", c.escalationText).param("state", c.state.name())
                .param("startedAt", ts(c.startedAt)).param("elapsed", c.elapsed.toMillis())
                .param("runningSince", ts(c.runningSince)).param("pausedSince", ts(c.pausedSince))
                .param("paused", c.paused.toMillis()).param("warnAt", ts(c.warnAt)).param("dueAt", ts(c.dueAt))
                .param("warnedAt", ts(c.warnedAt)).param("breachedAt", ts(c.breachedAt))
                .param("fulfilledAt", ts(c.fulfilledAt)).param("level", c.escalationLevel).param("cycle", c.cycle)
                .param("pid", c.processInstanceId)
                .update();
    }

    private SlaClock map(ResultSet rs, int row) throws SQLException {
        SlaClock c = new SlaClock(rs.getLong("ticket_id"), SlaMetric.valueOf(rs.getString("metric")), rs.getString("tenant_id"));
        c.team = rs.getString("team");
        c.priority = rs.getString("priority");
        c.policy = rs.getString("policy");
        c.target = Duration.ofMillis(rs.getLong("target_ms"));
        c.businessHours = rs.getBoolean("business_hours");
        c.calendarTeam = rs.getString("calendar_team");
        c.warnPercent = rs.getInt("warn_percent");
        c.escalationText = rs.getString("escalation");
        c.state = SlaClock.State.valueOf(rs.getString("state"));
        c.startedAt = instant(rs, "started_at");
        c.elapsed = Duration.ofMillis(rs.getLong("elapsed_ms"));
        c.runningSince = instant(rs, "running_since");
        c.pausedSince = instant(rs, "paused_since");
        c.paused = Duration.ofMillis(rs.getLong("paused_ms"));
        c.warnAt = instant(rs, "warn_at");
        c.dueAt = instant(rs, "due_at");
        c.warnedAt = instant(rs, "warned_at");
        c.breachedAt = instant(rs, "breached_at");
        c.fulfilledAt = instant(rs, "fulfilled_at");
        c.escalationLevel = rs.getInt("escalation_level");
        c.cycle = rs.getInt("cycle");
        c.processInstanceId = rs.getString("process_instance_id");
        return c;
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
