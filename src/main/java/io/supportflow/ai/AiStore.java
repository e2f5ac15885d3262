package io.supportflow.ai;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ai_* tables: suggestions, the summary cache, the call log and the per-team agent settings. */
@Repository
class AiStore {

    enum Kind { CLASSIFICATION, SENTIMENT, REPLY_DRAFT, KB_ANSWER }

    enum State { SUGGESTED, APPLIED, SENT, HANDED_OVER }

    record Suggestion(long id, long ticketId, Kind kind, Long messageId, String payload, Double confidence, State state,
                      String provider, String model, long latencyMs, int promptTokens, int completionTokens, Instant createdAt) {
    }

    record CachedSummary(String summary, String provider, String model, String inputHash, Instant createdAt) {
    }

    record TeamSetting(String team, boolean agentEnabled, double confidenceThreshold, String updatedBy, Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    AiStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long addSuggestion(long ticketId, Kind kind, Long messageId, String payloadJson, Double confidence, State state,
            AiProvider.Usage usage, String inputHash, Instant at) {
        return jdbc.sql("""
                INSERT INTO ai_suggestion (ticket_id, kind, message_id, payload, confidence, state, provider, model, input_hash,
                                           latency_ms, prompt_tokens, completion_tokens, created_at)
                VALUES (:ticket, :kind, :message, CAST(:payload AS jsonb), :confidence, :state, :provider, :model, :hash,
                        :latency, :prompt, :completion, :at) RETURNING id""")
                .param("ticket", ticketId).param("kind", kind.name()).param("message", messageId).param("payload", payloadJson)
                .param("confidence", confidence == null ? null : clamp(confidence)).param("state", state.name()).param("provider", usage.provider())
                .param("model", usage.model()).param("hash", inputHash).param("latency", usage.latencyMillis())
                .param("prompt", usage.promptTokens()).param("completion", usage.completionTokens())
                .param("at", Timestamp.from(at)).query(Long.class).single();
    }

    void setState(long suggestionId, State state) {
        jdbc.sql("UPDATE ai_suggestion SET state = :state WHERE id = :id").param("state", state.name()).param("id", suggestionId).update();
    }

    Optional<Suggestion> suggestion(long id) {
        return jdbc.sql("SELECT * FROM ai_suggestion WHERE id = :id").param("id", id).query(AiStore::suggestion).optional();
    }

    /** A ticket's suggestions of these kinds, oldest first. */
    List<Suggestion> suggestions(long ticketId, List<Kind> kinds) {
        return jdbc.sql("SELECT * FROM ai_suggestion WHERE ticket_id = :ticket AND kind IN (:kinds) ORDER BY id")
                .param("ticket", ticketId).param("kinds", kinds.stream().map(Kind::name).toList())
                .query(AiStore::suggestion).list();
    }

    /** Whether this message (or, with null, the ticket itself) was already classified: a job may run twice. */
    boolean hasSuggestion(long ticketId, Kind kind, Long messageId) {
        return jdbc.sql("""
                SELECT count(*) FROM ai_suggestion WHERE ticket_id = :ticket AND kind = :kind
                AND message_id IS NOT DISTINCT FROM :message""")
                .param("ticket", ticketId).param("kind", kind.name()).param("message", messageId)
                .query(Long.class).single() > 0;
    }

    Optional<CachedSummary> summary(long ticketId) {
        return jdbc.sql("SELECT summary, provider, model, input_hash, created_at FROM ai_summary WHERE ticket_id = :ticket")
                .param("ticket", ticketId)
                .query((rs, n) -> new CachedSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        instant(rs, "created_at")))
                .optional();
    }

    void putSummary(long ticketId, String summary, AiProvider.Usage usage, String inputHash, Instant at) {
        jdbc.sql("""
                INSERT INTO ai_summary (ticket_id, summary, provider, model, input_hash, latency_ms, prompt_tokens, completion_tokens, created_at)
                VALUES (:ticket, :summary, :provider, :model, :hash, :latency, :prompt, :completion, :at)
                ON CONFLICT (ticket_id) DO UPDATE SET summary = EXCLUDED.summary, provider = EXCLUDED.provider,
                    model = EXCLUDED.model, input_hash = EXCLUDED.input_hash, latency_ms = EXCLUDED.latency_ms,
                    prompt_tokens = EXCLUDED.prompt_tokens, completion_tokens = EXCLUDED.completion_tokens,
                    created_at = EXCLUDED.created_at""")
                .param("ticket", ticketId).param("summary", summary).param("provider", usage.provider())
                .param("model", usage.model()).param("hash", inputHash).param("latency", usage.latencyMillis())
                .param("prompt", usage.promptTokens()).param("completion", usage.completionTokens())
                .param("at", Timestamp.from(at)).update();
    }

    void dropSummary(long ticketId) {
        jdbc.sql("DELETE FROM ai_summary WHERE ticket_id = :ticket").param("ticket", ticketId).update();
    }

    void recordCall(Long ticketId, String feature, String provider, String model, String inputHash, String outcome,
            String error, long latencyMs, int promptTokens, int completionTokens, Instant at) {
        jdbc.sql("""
                INSERT INTO ai_call (ticket_id, feature, provider, model, input_hash, outcome, error, latency_ms,
                                     prompt_tokens, completion_tokens, created_at)
                VALUES (:ticket, :feature, :provider, :model, :hash, :outcome, :error, :latency, :prompt, :completion, :at)""")
                .param("ticket", ticketId).param("feature", feature).param("provider", provider).param("model", model)
                .param("hash", inputHash).param("outcome", outcome)
                .param("error", error == null ? null : error.length() > 500 ? error.substring(0, 500) : error)
                .param("latency", latencyMs).param("prompt", promptTokens).param("completion", completionTokens)
                .param("at", Timestamp.from(at)).update();
    }

    Optional<TeamSetting> teamSetting(String tenant, String team) {
        return jdbc.sql("""
                SELECT team, agent_enabled, confidence_threshold, updated_by, updated_at FROM ai_team_setting
                WHERE tenant_id = :tenant AND team = :team""")
                .param("tenant", tenant).param("team", team)
                .query((rs, n) -> new TeamSetting(rs.getString(1), rs.getBoolean(2), rs.getDouble(3), rs.getString(4),
                        instant(rs, "updated_at")))
                .optional();
    }

    List<TeamSetting> teamSettings(String tenant) {
        return jdbc.sql("""
                SELECT team, agent_enabled, confidence_threshold, updated_by, updated_at FROM ai_team_setting
                WHERE tenant_id = :tenant ORDER BY team""")
                .param("tenant", tenant)
                .query((rs, n) -> new TeamSetting(rs.getString(1), rs.getBoolean(2), rs.getDouble(3), rs.getString(4),
                        instant(rs, "updated_at")))
                .list();
    }

    void putTeamSetting(String tenant, String team, boolean enabled, double threshold, String by, Instant at) {
        jdbc.sql("""
                INSERT INTO ai_team_setting (tenant_id, team, agent_enabled, confidence_threshold, updated_by, updated_at)
                VALUES (:tenant, :team, :enabled, :threshold, :by, :at)
                ON CONFLICT (tenant_id, team) DO UPDATE SET agent_enabled = EXCLUDED.agent_enabled,
                    confidence_threshold = EXCLUDED.confidence_threshold, updated_by = EXCLUDED.updated_by,
                    updated_at = EXCLUDED.updated_at""")
                .param("tenant", tenant).param("team", team).param("enabled", enabled).param("threshold", threshold)
                .param("by", by).param("at", Timestamp.from(at)).update();
    }

    private static Suggestion suggestion(ResultSet rs, int n) throws SQLException {
        return new Suggestion(rs.getLong("id"), rs.getLong("ticket_id"), Kind.valueOf(rs.getString("kind")),
                rs.getObject("message_id", Long.class), rs.getString("payload"), rs.getObject("confidence") == null ? null : rs.getDouble("confidence"),
                State.valueOf(rs.getString("state")), rs.getString("provider"), rs.getString("model"), rs.getLong("latency_ms"),
                rs.getInt("prompt_tokens"), rs.getInt("completion_tokens"), instant(rs, "created_at"));
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, Math.round(value * 1000) / 1000.0));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
