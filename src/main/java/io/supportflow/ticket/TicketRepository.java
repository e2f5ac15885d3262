package io.supportflow.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TicketRepository {

    static final String COLUMNS = """
            id, tenant_id, number, subject, description, requester_name, requester_email, customer_id,
            organization_id, channel, status, priority, category, tags, custom_fields, team, assignee,
            process_instance_id, snoozed_until, merged_into_id, first_responded_at, resolved_at, closed_at,
            created_at, updated_at, language""";

    private static final TypeReference<Map<String, Object>> JSON_MAP = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    RowMapper<Ticket> rowMapper() {
        return this::map;
    }

    TicketRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Ticket insert(Ticket t) {
        Long id = jdbc.sql("""
                INSERT INTO ticket (tenant_id, number, subject, description, requester_name, requester_email,
                    customer_id, organization_id, channel, status, priority, category, tags, custom_fields,
                    created_at, updated_at, language)
                VALUES (:tenant, :number, :subject, :description, :requesterName, :requesterEmail, :customerId,
                    :organizationId, :channel, :status, :priority, :category, :tags, CAST(:customFields AS jsonb),
                    :createdAt, :updatedAt, :language)
                RETURNING id""")
                .param("tenant", t.getTenantId())
                .param("number", t.getNumber())
                .param("subject", t.getSubject())
                .param("description", t.getDescription())
                .param("requesterName", t.getRequesterName())
                .param("requesterEmail", t.getRequesterEmail())
                .param("customerId", t.getCustomerId())
                .param("organizationId", t.getOrganizationId())
                .param("channel", t.getChannel().name())
                .param("status", t.getStatus().name())
                .param("priority", t.getPriority().name())
                .param("category", t.getCategory())
                .param("tags", t.getTags().toArray(String[]::new))
                .param("customFields", toJson(t.getCustomFields()))
                .param("createdAt", ts(t.getCreatedAt()))
                .param("updatedAt", ts(t.getUpdatedAt()))
                .param("language", t.getLanguage())
                .query(Long.class).single();
        t.setId(id);
        return t;
    }

    void update(Ticket t) {
        jdbc.sql("""
                UPDATE ticket SET status = :status, priority = :priority, category = :category, tags = :tags,
                    custom_fields = CAST(:customFields AS jsonb), team = :team, assignee = :assignee,
                    process_instance_id = :processInstanceId, snoozed_until = :snoozedUntil,
                    merged_into_id = :mergedIntoId, first_responded_at = :firstRespondedAt,
                    resolved_at = :resolvedAt, closed_at = :closedAt,
                    updated_at = :updatedAt, language = :language
                WHERE id = :id""")
                .param("id", t.getId())
                .param("status", t.getStatus().name())
                .param("priority", t.getPriority().name())
                .param("category", t.getCategory())
                .param("tags", t.getTags().toArray(String[]::new))
                .param("customFields", toJson(t.getCustomFields()))
                .param("team", t.getTeam())
                .param("assignee", t.getAssignee())
                .param("processInstanceId", t.getProcessInstanceId())
                .param("snoozedUntil", ts(t.getSnoozedUntil()))
                .param("mergedIntoId", t.getMergedIntoId())
                .param("firstRespondedAt", ts(t.getFirstRespondedAt()))
                .param("resolvedAt", ts(t.getResolvedAt()))
                .param("closedAt", ts(t.getClosedAt()))
                .param("updatedAt", ts(t.getUpdatedAt()))
                .param("language", t.getLanguage())
                .update();
    }

    /**
     * Links a new ticket to its process instance and returns the row as the process left it. Only
     * process_instance_id changes, which no index holds, so PostgreSQL can update the row in place
     * (HOT) instead of adding an entry to each of the ticket's indexes; and it is one statement where a
     * locked read and a full update were two.
     */
    Ticket linkProcessInstance(long id, String processInstanceId) {
        return jdbc.sql("UPDATE ticket SET process_instance_id = :processInstanceId WHERE id = :id RETURNING " + COLUMNS)
                .param("id", id).param("processInstanceId", processInstanceId).query(rowMapper()).single();
    }

    Optional<Ticket> findByNumber(String tenantId, String number) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE tenant_id = :tenant AND number = :number")
                .param("tenant", tenantId).param("number", number).query(rowMapper()).optional();
    }

    /** Reads and row-locks the ticket: every change to a ticket is serialised on its row. */
    Optional<Ticket> lockByNumber(String tenantId, String number) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE tenant_id = :tenant AND number = :number FOR UPDATE")
                .param("tenant", tenantId).param("number", number).query(rowMapper()).optional();
    }

    Optional<Ticket> lockById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE id = :id FOR UPDATE")
                .param("id", id).query(rowMapper()).optional();
    }

    Optional<Ticket> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE id = :id").param("id", id).query(rowMapper()).optional();
    }

    /** Tickets waiting for an agent (NEW, OPEN, IN_PROGRESS) per assignee; agents with none are absent. */
    Map<String, Long> openCountsByAssignee(String tenantId, java.util.Collection<String> agents) {
        Map<String, Long> counts = new java.util.HashMap<>();
        if (agents.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                SELECT assignee, count(*) FROM ticket
                WHERE tenant_id = :tenant AND assignee IN (:agents) AND status IN ('NEW', 'OPEN', 'IN_PROGRESS')
                GROUP BY assignee""")
                .param("tenant", tenantId).param("agents", agents)
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    List<Long> mergedInto(long ticketId) {
        return jdbc.sql("SELECT id FROM ticket WHERE merged_into_id = :id ORDER BY id").param("id", ticketId)
                .query(Long.class).list();
    }

    Optional<String> numberOf(Long id) {
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT number FROM ticket WHERE id = :id").param("id", id).query(String.class).optional();
    }

    boolean categoryExists(String tenantId, String code) {
        return jdbc.sql("SELECT count(*) FROM ticket_category WHERE tenant_id = :tenant AND code = :code")
                .param("tenant", tenantId).param("code", code).query(Integer.class).single() > 0;
    }

    void link(long ticketId, long linkedTicketId, String kind, Instant at) {
        jdbc.sql("INSERT INTO ticket_link (ticket_id, linked_ticket_id, kind, created_at) VALUES (:a, :b, :kind, :at) ON CONFLICT DO NOTHING")
                .param("a", ticketId).param("b", linkedTicketId).param("kind", kind).param("at", ts(at)).update();
    }

    private Ticket map(ResultSet rs, int row) throws SQLException {
        Ticket ticket = Ticket.fromRow(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("number"),
                rs.getString("subject"), rs.getString("description"), rs.getString("requester_name"),
                rs.getString("requester_email"), (Long) rs.getObject("customer_id"),
                (Long) rs.getObject("organization_id"), Channel.valueOf(rs.getString("channel")),
                TicketStatus.valueOf(rs.getString("status")), Priority.valueOf(rs.getString("priority")),
                rs.getString("category"), strings(rs.getArray("tags")), fromJson(rs.getString("custom_fields")),
                rs.getString("team"), rs.getString("assignee"), rs.getString("process_instance_id"),
                instant(rs, "snoozed_until"), (Long) rs.getObject("merged_into_id"),
                instant(rs, "first_responded_at"), instant(rs, "resolved_at"),
                instant(rs, "closed_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
        ticket.initLanguage(rs.getString("language"));
        return ticket;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private String toJson(Map<String, Object> map) {
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("custom fields are not serialisable", e);
        }
    }

    private Map<String, Object> fromJson(String value) {
        try {
            return value == null ? Map.of() : json.readValue(value, JSON_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("custom_fields column is not a JSON object", e);
        }
    }
}
