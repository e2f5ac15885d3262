package io.supportflow.survey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The survey figures of a period: surveys of tickets resolved in [from, to), optionally of one team (the
 * ticket's team at resolution). Each figure is one SQL aggregate over the survey table.
 */
@Repository
class SurveySummary {

    /**
     * @param satisfiedPercent CSAT %: the share of 4 and 5 among the answers (null without answers)
     * @param responseRate     answers / surveys sent (null when none was sent)
     */
    record Csat(long sent, long responses, BigDecimal responseRate, BigDecimal average, BigDecimal satisfiedPercent,
                Map<Integer, Long> counts) {
    }

    /**
     * @param score promoters % − detractors % of the answers, from −100 to 100 (null without answers)
     */
    record Nps(long sent, long responses, BigDecimal responseRate, long promoters, long passives, long detractors,
               BigDecimal score, Map<Integer, Long> counts) {
    }

    record Summary(Instant from, Instant to, String team, Csat csat, Nps nps) {
    }

    private static final String PERIOD = """
            FROM survey WHERE tenant_id = :tenant AND kind = :kind AND created_at >= :from AND created_at < :to
              AND (CAST(:team AS varchar) IS NULL OR team = :team)""";

    private final JdbcClient jdbc;

    SurveySummary(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Summary of(String tenant, Instant from, Instant to, String team) {
        return new Summary(from, to, team, csat(tenant, from, to, team), nps(tenant, from, to, team));
    }

    private Csat csat(String tenant, Instant from, Instant to, String team) {
        Map<Integer, Long> counts = counts(tenant, Survey.Kind.CSAT, from, to, team);
        return period(tenant, Survey.Kind.CSAT, from, to, team, """
                SELECT count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent,
                       count(score) AS responses,
                       round(count(score)::numeric / nullif(count(*) FILTER (WHERE sent_at IS NOT NULL), 0), 3) AS response_rate,
                       round(avg(score), 2) AS average,
                       round(100.0 * count(*) FILTER (WHERE score >= 4) / nullif(count(score), 0), 1) AS satisfied
                """)
                .query((rs, n) -> new Csat(rs.getLong("sent"), rs.getLong("responses"), rs.getBigDecimal("response_rate"),
                        rs.getBigDecimal("average"), rs.getBigDecimal("satisfied"), counts))
                .single();
    }

    private Nps nps(String tenant, Instant from, Instant to, String team) {
        Map<Integer, Long> counts = counts(tenant, Survey.Kind.NPS, from, to, team);
        return period(tenant, Survey.Kind.NPS, from, to, team, """
                SELECT count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent,
                       count(score) AS responses,
                       round(count(score)::numeric / nullif(count(*) FILTER (WHERE sent_at IS NOT NULL), 0), 3) AS response_rate,
                       count(*) FILTER (WHERE score >= 9) AS promoters,
                       count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS passives,
                       count(*) FILTER (WHERE score <= 6) AS detractors,
                       round(100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
                             / nullif(count(score), 0), 1) AS score
                """)
                .query((rs, n) -> new Nps(rs.getLong("sent"), rs.getLong("responses"), rs.getBigDecimal("response_rate"),
                        rs.getLong("promoters"), rs.getLong("passives"), rs.getLong("detractors"), rs.getBigDecimal("score"), counts))
                .single();
    }

    /** How many answers gave each score, every score of the scale listed (0 when none). */
    private Map<Integer, Long> counts(String tenant, Survey.Kind kind, Instant from, Instant to, String team) {
        Map<Integer, Long> counts = new LinkedHashMap<>();
        for (int score = kind.min; score <= kind.max; score++) {
            counts.put(score, 0L);
        }
        period(tenant, kind, from, to, team, "SELECT score, count(*) AS answers ", " AND score IS NOT NULL GROUP BY score")
                .query((rs, n) -> Map.entry(rs.getInt("score"), rs.getLong("answers")))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    private JdbcClient.StatementSpec period(String tenant, Survey.Kind kind, Instant from, Instant to, String team, String select) {
        return period(tenant, kind, from, to, team, select, "");
    }

    private JdbcClient.StatementSpec period(String tenant, Survey.Kind kind, Instant from, Instant to, String team, String select,
            String rest) {
        return jdbc.sql(select + PERIOD + rest).param("tenant", tenant).param("kind", kind.name()).param("from", SurveyRepository.ts(from))
                .param("to", SurveyRepository.ts(to)).param("team", team);
    }
}
