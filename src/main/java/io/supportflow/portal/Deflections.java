package io.supportflow.portal;

import io.supportflow.common.InvalidInputException;
import io.supportflow.common.ProblemText;
import io.supportflow.kb.KnowledgeBase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Help-centre articles suggested while a customer writes a new ticket. Either an article solved the problem
 * (SOLVED, no ticket) or the customer created the ticket anyway (TICKET_CREATED, with the articles shown):
 * the deflection rate is solved / (solved + tickets created after seeing suggestions).
 */
@Component
@Transactional
class Deflections {

    enum Outcome { SOLVED, TICKET_CREATED }

    record ArticleCount(String slug, long solved) {
    }

    record Report(Instant from, Instant to, long solved, long ticketsAfterSuggestions, Double rate, List<ArticleCount> solvedBy) {
    }

    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    static final int MAX_ARTICLES = 10;
    static final int MAX_QUERY = 500;

    private final JdbcClient jdbc;
    private final KnowledgeBase kb;

    Deflections(JdbcClient jdbc, KnowledgeBase kb) {
        this.jdbc = jdbc;
        this.kb = kb;
    }

    void solved(String tenant, long customerId, String slug, String query) {
        if (!kb.isPublishedPublic(slug)) {
            throw new InvalidInputException("articleSlug", ProblemText.of("portal.kb.noArticle"));
        }
        insert(tenant, customerId, Outcome.SOLVED, List.of(slug), query, null);
    }

    /** The ticket was created after these articles were suggested; slugs that name no article are left out. */
    void ticketCreated(String tenant, long customerId, List<String> slugs, String query, long ticketId) {
        List<String> known = new LinkedHashSet<>(slugs).stream().filter(s -> s != null && SLUG.matcher(s).matches() && s.length() <= 120)
                .filter(kb::isPublishedPublic).limit(MAX_ARTICLES).toList();
        if (!known.isEmpty()) {
            insert(tenant, customerId, Outcome.TICKET_CREATED, known, query == null ? "" : query, ticketId);
        }
    }

    @Transactional(readOnly = true)
    Report report(String tenant, Instant from, Instant to) {
        record Counts(long solved, long created) {
        }
        Counts counts = jdbc.sql("""
                SELECT count(*) FILTER (WHERE outcome = 'SOLVED'), count(*) FILTER (WHERE outcome = 'TICKET_CREATED')
                FROM kb_deflection WHERE tenant_id = :tenant AND created_at >= :from AND created_at < :to""")
                .param("tenant", tenant).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2))).single();
        List<ArticleCount> top = jdbc.sql("""
                SELECT article_slugs[1] AS slug, count(*) AS n FROM kb_deflection
                WHERE tenant_id = :tenant AND outcome = 'SOLVED' AND created_at >= :from AND created_at < :to
                GROUP BY article_slugs[1] ORDER BY n DESC, slug LIMIT 10""")
                .param("tenant", tenant).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new ArticleCount(rs.getString(1), rs.getLong(2))).list();
        long total = counts.solved() + counts.created();
        return new Report(from, to, counts.solved(), counts.created(), total == 0 ? null : (double) counts.solved() / total, top);
    }

    private void insert(String tenant, long customerId, Outcome outcome, List<String> slugs, String query, Long ticketId) {
        jdbc.sql("""
                INSERT INTO kb_deflection (tenant_id, customer_id, outcome, article_slugs, query, ticket_id)
                VALUES (:tenant, :customer, :outcome, :slugs, :query, :ticket)""")
                .param("tenant", tenant).param("customer", customerId).param("outcome", outcome.name())
                .param("slugs", slugs.toArray(String[]::new)).param("query", query)
                .param("ticket", ticketId, java.sql.Types.BIGINT).update();
    }
}
