package io.supportflow.survey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SurveyRepository {

    private static final String COLUMNS = """
            id, kind, ticket_id, team, customer_key, recipient, state, created_at, sent_at, expires_at, score, comment,
            answered_at, updated_at, process_instance_id""";

    private final JdbcClient jdbc;

    SurveyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String tenant, Survey.Kind kind, long ticketId, String team, String customerKey, String recipient, Instant now,
            Instant expiresAt) {
        return jdbc.sql("""
                INSERT INTO survey (tenant_id, kind, ticket_id, team, customer_key, recipient, state, created_at, expires_at, updated_at)
                VALUES (:tenant, :kind, :ticket, :team, :customer, :recipient, 'PENDING', :now, :expires, :now) RETURNING id""")
                .param("tenant", tenant).param("kind", kind.name()).param("ticket", ticketId).param("team", team)
                .param("customer", customerKey).param("recipient", recipient).param("now", ts(now)).param("expires", ts(expiresAt))
                .query(Long.class).single();
    }

    void setProcessInstance(long id, String processInstanceId) {
        jdbc.sql("UPDATE survey SET process_instance_id = :pi WHERE id = :id").param("pi", processInstanceId).param("id", id).update();
    }

    Optional<Survey> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM survey WHERE id = :id").param("id", id).query(this::map).optional();
    }

    Optional<Survey> lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM survey WHERE id = :id FOR UPDATE").param("id", id).query(this::map).optional();
    }

    /** The latest survey of this kind about a ticket. */
    Optional<Survey> latest(long ticketId, Survey.Kind kind) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM survey WHERE ticket_id = :ticket AND kind = :kind ORDER BY id DESC LIMIT 1")
                .param("ticket", ticketId).param("kind", kind.name()).query(this::map).optional();
    }

    /** Whether the ticket has a CSAT survey whose mail has not left yet (and whose link would still work). */
    boolean hasPendingCsat(long ticketId, Instant now) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM survey WHERE ticket_id = :ticket AND kind = 'CSAT' AND state = 'PENDING'
                    AND expires_at > :now)""")
                .param("ticket", ticketId).param("now", ts(now)).query(Boolean.class).single();
    }

    /**
     * Whether the ticket has a CSAT survey that still counts: answered, or not answered yet and not expired.
     * Surveys that expired unanswered or were skipped do not.
     */
    boolean hasLiveCsat(long ticketId, Instant now) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM survey WHERE ticket_id = :ticket AND kind = 'CSAT'
                    AND (state = 'ANSWERED' OR (state IN ('PENDING', 'SENT') AND expires_at > :now)))""")
                .param("ticket", ticketId).param("now", ts(now)).query(Boolean.class).single();
    }

    /** Whether the customer got an NPS survey (or has one about to leave) since {@code since}. */
    boolean npsSince(String tenant, String customerKey, Instant since) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM survey WHERE tenant_id = :tenant AND customer_key = :customer AND kind = 'NPS'
                    AND created_at > :since AND state <> 'SKIPPED')""")
                .param("tenant", tenant).param("customer", customerKey).param("since", ts(since)).query(Boolean.class).single();
    }

    /** Serialises NPS decisions for one customer until the end of the transaction (two tickets resolved at once). */
    void lockCustomer(String tenant, String customerKey) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 7))").param("key", "nps:" + tenant + ":" + customerKey)
                .query((rs, n) -> 1).list();
    }

    void setState(long id, Survey.State state, Instant sentAt, Instant now) {
        jdbc.sql("UPDATE survey SET state = :state, sent_at = coalesce(sent_at, :sent), updated_at = :now WHERE id = :id")
                .param("state", state.name()).param("sent", ts(sentAt)).param("now", ts(now)).param("id", id).update();
    }

    /** Marks the survey expired if it is still unanswered. */
    void expire(long id, Instant now) {
        jdbc.sql("UPDATE survey SET state = 'EXPIRED', updated_at = :now WHERE id = :id AND state IN ('PENDING', 'SENT')")
                .param("now", ts(now)).param("id", id).update();
    }

    void answer(long id, int score, String comment, Instant now) {
        jdbc.sql("""
                UPDATE survey SET state = 'ANSWERED', score = :score, comment = :comment,
                    answered_at = coalesce(answered_at, :now), updated_at = :now WHERE id = :id""")
                .param("score", score).param("comment", comment).param("now", ts(now)).param("id", id).update();
    }

    private Survey map(ResultSet rs, int row) throws SQLException {
        return new Survey(rs.getLong("id"), Survey.Kind.valueOf(rs.getString("kind")), rs.getLong("ticket_id"), rs.getString("team"),
                rs.getString("customer_key"), rs.getString("recipient"), Survey.State.valueOf(rs.getString("state")),
                instant(rs, "created_at"), instant(rs, "sent_at"), instant(rs, "expires_at"), (Integer) rs.getObject("score", Integer.class),
                rs.getString("comment"), instant(rs, "answered_at"), instant(rs, "updated_at"), rs.getString("process_instance_id"));
    }

    static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
