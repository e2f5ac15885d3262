package io.supportflow.ticket;

import io.supportflow.common.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a customer may read of tickets: those they requested (and, when the caller allows it, their
 * organization's), with public messages only. Nothing here reveals an internal note: not its text,
 * not its count, not its time ({@link Summary#lastActivityAt()} counts public messages and status
 * changes only, never {@code ticket.updated_at}, which a note moves).
 */
@Component
@Transactional(readOnly = true)
public class RequesterTickets {

    /** Whose tickets: a customer of a tenant, and their organization when its tickets are shared (else null). */
    public record Scope(String tenantId, long customerId, Long sharedOrganizationId) {
    }

    public enum StatusFilter { OPEN, CLOSED, ALL }

    public record Summary(long id, String number, String subject, TicketStatus status, String category, String requesterName,
                          boolean mine, Instant createdAt, Instant lastActivityAt) {
    }

    public record Detail(Summary summary, String description, Priority priority, Map<String, Object> customFields) {
    }

    public record PublicMessage(long id, Actor.Type authorType, String authorId, String authorName, String html, String text, Instant at) {
    }

    public record Page(List<Summary> tickets, String nextCursor) {
    }

    /** What a customer fills in on a new ticket: the tenant's categories and custom fields (type TEXT, NUMBER, BOOLEAN, DATE, SELECT). */
    public record Form(List<FormCategory> categories, List<FormField> customFields) {
    }

    public record FormCategory(String code, String name) {
    }

    public record FormField(String key, String label, String type, List<String> options, boolean required) {
    }

    static final List<String> CLOSED = List.of("RESOLVED", "CLOSED", "CANCELLED");

    private static final String SELECT = """
            SELECT t.id, t.number, t.subject, t.status, t.category, t.requester_name, t.customer_id, t.created_at,
                   greatest(t.created_at, t.resolved_at, t.closed_at,
                       (SELECT max(m.created_at) FROM ticket_message m WHERE m.ticket_id = t.id AND NOT m.internal),
                       (SELECT max(a.created_at) FROM ticket_activity a WHERE a.ticket_id = t.id AND a.field = 'status')
                   ) AS last_activity_at
            FROM ticket t""";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final JdbcClient jdbc;
    private final TicketFields fields;

    RequesterTickets(JdbcClient jdbc, TicketFields fields) {
        this.jdbc = jdbc;
        this.fields = fields;
    }

    public Form form(String tenant) {
        return new Form(fields.categories(tenant).stream().map(c -> new FormCategory(c.code(), c.name())).toList(),
                fields.customFields(tenant).stream()
                        .map(f -> new FormField(f.key(), f.label(), f.type().name(), f.options(), f.required())).toList());
    }

    /** The scope's tickets, newest activity first, a page at a time (the cursor is opaque to callers). */
    public Page list(Scope scope, StatusFilter status, String q, int limit, String cursor) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(visibility(scope, params));
        if (status == StatusFilter.OPEN) {
            where.append(" AND t.status NOT IN (:closed)");
            params.put("closed", CLOSED);
        } else if (status == StatusFilter.CLOSED) {
            where.append(" AND t.status IN (:closed)");
            params.put("closed", CLOSED);
        }
        if (q != null && !q.isBlank()) {
            where.append(" AND (t.number = :qExact OR t.subject ILIKE :qLike ESCAPE '\\' OR t.search_vector @@ plainto_tsquery('simple', :q))");
            params.put("q", q);
            params.put("qExact", q.strip());
            params.put("qLike", "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM (").append(SELECT).append(" WHERE ").append(where).append(") visible");
        if (cursor != null) {
            Object[] after = decode(cursor);
            sql.append(" WHERE (last_activity_at, id) < (:afterAt, :afterId)");
            params.put("afterAt", after[0]);
            params.put("afterId", after[1]);
        }
        sql.append(" ORDER BY last_activity_at DESC, id DESC LIMIT :limit");
        params.put("limit", limit + 1);
        List<Summary> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query((rs, n) -> summary(rs, scope)).list());
        String next = null;
        if (rows.size() > limit) {
            rows = new ArrayList<>(rows.subList(0, limit));
            next = encode(rows.get(rows.size() - 1));
        }
        return new Page(List.copyOf(rows), next);
    }

    /** One ticket of the scope by number; empty when it does not exist or is someone else's (the caller says 404 either way). */
    public Optional<Detail> find(Scope scope, String number) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = visibility(scope, params) + " AND t.number = :number";
        params.put("number", number);
        return jdbc.sql(SELECT.replace("SELECT t.id,", "SELECT t.description, t.priority, t.custom_fields, t.id,")
                        + " WHERE " + where)
                .params(params)
                .query((rs, n) -> new Detail(summary(rs, scope), rs.getString("description"), Priority.valueOf(rs.getString("priority")),
                        customFields(rs.getString("custom_fields"))))
                .optional();
    }

    /** The ticket's public messages, oldest first: the description, replies, the customer's own messages. */
    public List<PublicMessage> publicMessages(long ticketId) {
        return jdbc.sql("""
                SELECT id, author_type, author_id, author_name, body_html, body_text, created_at FROM ticket_message
                WHERE ticket_id = :ticket AND NOT internal ORDER BY created_at, id""")
                .param("ticket", ticketId)
                .query((rs, n) -> new PublicMessage(rs.getLong(1), Actor.Type.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), TicketRepository.instant(rs, "created_at")))
                .list();
    }

    private static Map<String, Object> customFields(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("custom_fields column is not a JSON object", e);
        }
    }

    private static String visibility(Scope scope, Map<String, Object> params) {
        params.put("tenant", scope.tenantId());
        params.put("customer", scope.customerId());
        if (scope.sharedOrganizationId() == null) {
            return "t.tenant_id = :tenant AND t.customer_id = :customer";
        }
        params.put("organization", scope.sharedOrganizationId());
        return "t.tenant_id = :tenant AND (t.customer_id = :customer OR t.organization_id = :organization)";
    }

    private static Summary summary(java.sql.ResultSet rs, Scope scope) throws java.sql.SQLException {
        Object customer = rs.getObject("customer_id");
        return new Summary(rs.getLong("id"), rs.getString("number"), rs.getString("subject"), TicketStatus.valueOf(rs.getString("status")),
                rs.getString("category"), rs.getString("requester_name"),
                customer != null && ((Number) customer).longValue() == scope.customerId(),
                TicketRepository.instant(rs, "created_at"), TicketRepository.instant(rs, "last_activity_at"));
    }

    private static String encode(Summary last) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, last.lastActivityAt());
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + last.id()).getBytes(StandardCharsets.US_ASCII));
    }

    private static Object[] decode(String cursor) {
        try {
            if (cursor.length() > 100) {
                throw new IllegalArgumentException();
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            long micros = Long.parseLong(parts[0]);
            long id = Long.parseLong(parts[1]);
            if (micros < 0 || micros > 253_402_300_799_000_000L || id < 0) {
                throw new IllegalArgumentException();
            }
            return new Object[] {Timestamp.from(Instant.EPOCH.plus(micros, ChronoUnit.MICROS)), id};
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", "The cursor is not one this API gave out.");
        }
    }
}
