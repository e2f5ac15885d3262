package io.supportflow.routing;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RoutingRepository {

    record TeamRow(AssignmentStrategy strategy, String lastAgent) {
    }

    record AgentRow(String agentId, boolean available, List<String> skills) {
    }

    private final JdbcClient jdbc;

    RoutingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The row of a team that assigns automatically, locked until the end of the transaction: assignments in
     * one team happen one after another. The row of a team switched back to MANUAL is neither returned nor locked: new
     * tickets of such a team used to wait for each other's automation rules and commit on this lock,
     * although nothing was assigned.
     */
    Optional<TeamRow> lockAssigningTeam(String tenantId, String team) {
        return jdbc.sql("SELECT strategy, last_agent FROM routing_team WHERE tenant_id = :t AND team = :team"
                        + " AND strategy <> 'MANUAL' FOR UPDATE")
                .param("t", tenantId).param("team", team)
                .query((rs, n) -> new TeamRow(AssignmentStrategy.valueOf(rs.getString(1)), rs.getString(2))).optional();
    }

    AssignmentStrategy strategy(String tenantId, String team) {
        return jdbc.sql("SELECT strategy FROM routing_team WHERE tenant_id = :t AND team = :team")
                .param("t", tenantId).param("team", team).query(String.class).optional()
                .map(AssignmentStrategy::valueOf).orElse(AssignmentStrategy.MANUAL);
    }

    void setStrategy(String tenantId, String team, AssignmentStrategy strategy) {
        jdbc.sql("""
                INSERT INTO routing_team (tenant_id, team, strategy) VALUES (:t, :team, :s)
                ON CONFLICT (tenant_id, team) DO UPDATE SET strategy = :s, updated_at = now()""")
                .param("t", tenantId).param("team", team).param("s", strategy.name()).update();
    }

    void setLastAgent(String tenantId, String team, String agent) {
        jdbc.sql("UPDATE routing_team SET last_agent = :a WHERE tenant_id = :t AND team = :team")
                .param("a", agent).param("t", tenantId).param("team", team).update();
    }

    AgentRow agent(String tenantId, String agentId) {
        return jdbc.sql("SELECT agent_id, available, skills FROM routing_agent WHERE tenant_id = :t AND agent_id = :a")
                .param("t", tenantId).param("a", agentId).query((rs, n) -> row(rs)).optional()
                .orElse(new AgentRow(agentId, true, List.of()));
    }

    /** Rows of these agents; agents without a row are absent (available, no skills). */
    Map<String, AgentRow> agents(String tenantId, Collection<String> agentIds) {
        Map<String, AgentRow> rows = new HashMap<>();
        if (!agentIds.isEmpty()) {
            jdbc.sql("SELECT agent_id, available, skills FROM routing_agent WHERE tenant_id = :t AND agent_id IN (:ids)")
                    .param("t", tenantId).param("ids", agentIds)
                    .query((rs, n) -> row(rs)).list().forEach(r -> rows.put(r.agentId(), r));
        }
        return rows;
    }

    void setAvailable(String tenantId, String agentId, boolean available) {
        jdbc.sql("""
                INSERT INTO routing_agent (tenant_id, agent_id, available) VALUES (:t, :a, :v)
                ON CONFLICT (tenant_id, agent_id) DO UPDATE SET available = :v, updated_at = now()""")
                .param("t", tenantId).param("a", agentId).param("v", available).update();
    }

    void setSkills(String tenantId, String agentId, Set<String> skills) {
        jdbc.sql("""
                INSERT INTO routing_agent (tenant_id, agent_id, skills) VALUES (:t, :a, :s)
                ON CONFLICT (tenant_id, agent_id) DO UPDATE SET skills = :s, updated_at = now()""")
                .param("t", tenantId).param("a", agentId).param("s", skills.toArray(String[]::new)).update();
    }

    private static AgentRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AgentRow(rs.getString(1), rs.getBoolean(2),
                List.copyOf(new LinkedHashSet<>(Arrays.asList((String[]) rs.getArray(3).getArray()))));
    }
}
