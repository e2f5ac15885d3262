package io.supportflow.automation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** automation_rule rows; the definition column holds {trigger, match, conditions, actions}. */
@Repository
class AutomationRepository {

    record Definition(AutomationTrigger trigger, MatchMode match, List<Condition> conditions, List<RuleAction> actions,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String after) {
    }

    private static final String SELECT = "SELECT id, name, enabled, position, definition FROM automation_rule";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    AutomationRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json.copy();
    }

    List<AutomationRule> list(String tenantId) {
        return jdbc.sql(SELECT + " WHERE tenant_id = :tenant ORDER BY position, id").param("tenant", tenantId)
                .query(this::map).list();
    }

    Optional<AutomationRule> find(String tenantId, long id) {
        return jdbc.sql(SELECT + " WHERE tenant_id = :tenant AND id = :id").param("tenant", tenantId).param("id", id)
                .query(this::map).optional();
    }

    /** Serialises admin changes of one tenant's rules (held until the transaction ends). */
    void lock(String tenantId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('automation_rule:' || :tenant))").param("tenant", tenantId)
                .query((rs, n) -> 1).list();
    }

    int nextPosition(String tenantId) {
        return jdbc.sql("SELECT COALESCE(MAX(position), 0) + 1 FROM automation_rule WHERE tenant_id = :tenant")
                .param("tenant", tenantId).query(Integer.class).single();
    }

    long insert(String tenantId, int position, RuleDefinition rule) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO automation_rule (tenant_id, name, enabled, position, definition) "
                        + "VALUES (:tenant, :name, :enabled, :position, CAST(:definition AS jsonb))")
                .param("tenant", tenantId).param("name", rule.name()).param("enabled", rule.enabled())
                .param("position", position).param("definition", toJson(rule))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void replace(String tenantId, long id, RuleDefinition rule) {
        jdbc.sql("UPDATE automation_rule SET name = :name, enabled = :enabled, definition = CAST(:definition AS jsonb), "
                        + "updated_at = now(), version = version + 1 WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).param("name", rule.name()).param("enabled", rule.enabled())
                .param("definition", toJson(rule)).update();
    }

    void setEnabled(String tenantId, long id, boolean enabled) {
        jdbc.sql("UPDATE automation_rule SET enabled = :enabled, updated_at = now(), version = version + 1 "
                        + "WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).param("enabled", enabled).update();
    }

    void setPosition(String tenantId, long id, int position) {
        jdbc.sql("UPDATE automation_rule SET position = :position, updated_at = now(), version = version + 1 "
                        + "WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).param("position", position).update();
    }

    void delete(String tenantId, long id) {
        jdbc.sql("DELETE FROM automation_rule WHERE tenant_id = :tenant AND id = :id").param("tenant", tenantId)
                .param("id", id).update();
    }

    private String toJson(RuleDefinition rule) {
        try {
            return json.writeValueAsString(new Definition(rule.trigger(), rule.match(), rule.conditions(), rule.actions(), rule.after()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("automation rule not serialisable", e);
        }
    }

    private AutomationRule map(ResultSet rs, int row) throws SQLException {
        try {
            Definition d = json.readValue(rs.getString("definition"), Definition.class);
            return new AutomationRule(rs.getLong("id"), rs.getString("name"), rs.getBoolean("enabled"),
                    rs.getInt("position"), d.trigger(), d.match(), d.conditions(), d.actions(), d.after());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("automation_rule " + rs.getLong("id") + " has an unreadable definition", e);
        }
    }
}
