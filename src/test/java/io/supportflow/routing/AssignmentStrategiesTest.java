package io.supportflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.Channel;
import io.supportflow.ticket.Priority;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketCommands.Changes;
import io.supportflow.ticket.TicketCommands.NewTicket;
import io.supportflow.ticket.TicketService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Assignment strategies on real ticket creations. The billing team (alice only, in the demo) gets extra
 * members for a test and alice is marked away; everything is restored afterwards.
 */
@IntegrationTest
class AssignmentStrategiesTest {

    static final String TEAM = "billing";

    @LocalServerPort int port;
    @Autowired TicketService tickets;
    @Autowired IdentityService identity;
    @Autowired JdbcClient jdbc;

    final String marker = "as" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    final List<String> users = new ArrayList<>();

    Api admin() { return Api.as(port, "demo"); }
    Api alice() { return Api.as(port, "alice"); }

    @AfterEach
    void restore() {
        assertThat(admin().send("PUT", "/api/v1/admin/teams/" + TEAM + "/assignment", Map.of("strategy", "MANUAL")).status()).isEqualTo(200);
        assertThat(admin().send("PUT", "/api/v1/admin/agents/alice/availability", Map.of("available", true)).status()).isEqualTo(200);
        users.forEach(identity::deleteUser);
    }

    /** New members of billing, named so that they sort in the order given; alice is away. */
    List<String> members(String... names) {
        for (String name : names) {
            String id = marker + name;
            User user = identity.newUser(id);
            user.setFirstName(name);
            user.setLastName("Test");
            user.setPassword(id);
            identity.saveUser(user);
            identity.createMembership(id, TEAM);
            users.add(id);
        }
        assertThat(alice().send("PUT", "/api/v1/agents/me/availability", Map.of("available", false)).json()
                .get("available").asBoolean()).isFalse();
        return List.copyOf(users);
    }

    void strategy(String strategy) {
        Api.Response set = admin().send("PUT", "/api/v1/admin/teams/" + TEAM + "/assignment", Map.of("strategy", strategy));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(admin().get("/api/v1/admin/teams/" + TEAM + "/assignment").json().get("strategy").asText()).isEqualTo(strategy);
    }

    Ticket create(List<String> tags, Map<String, Object> customFields) {
        return create(tags, customFields, null);
    }

    Ticket create(List<String> tags, Map<String, Object> customFields, String language) {
        return tickets.create(new NewTicket("Invoice " + marker, "Please check my invoice", null, "Jane Doe",
                "jane@acme.example", Priority.MEDIUM, "billing", tags, customFields, Channel.API, language), Actor.SYSTEM);
    }

    String assignee(Ticket ticket) {
        return tickets.findById(ticket.getId()).orElseThrow().getAssignee();
    }

    @Test
    void roundRobinSpreadsConcurrentCreationsEvenly() throws Exception {
        List<String> agents = members("a", "b", "c");
        strategy("ROUND_ROBIN");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Ticket>> created = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                created.add(pool.submit(() -> create(List.of(), Map.of())));
            }
            for (Future<Ticket> f : created) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Map<String, Long> spread = new HashMap<>();
        jdbc.sql("SELECT assignee, count(*) FROM ticket WHERE subject = ? GROUP BY assignee").param("Invoice " + marker)
                .query((rs, n) -> spread.put(rs.getString(1), rs.getLong(2))).list();
        assertThat(spread).containsOnlyKeys(agents);
        assertThat(spread.values()).allSatisfy(count -> assertThat(count).isBetween(99L, 101L));
        // the assignment is logged with the strategy as its actor, and the agent's task follows
        Ticket one = create(List.of(), Map.of());
        List<Map<String, Object>> log = jdbc.sql("SELECT actor, new_value FROM ticket_activity WHERE ticket_id = ? AND field = 'assignee'")
                .param(one.getId()).query().listOfRows();
        assertThat(log).singleElement().satisfies(row -> {
            assertThat(row.get("actor")).isEqualTo("routing:round_robin");
            assertThat(agents).contains((String) row.get("new_value"));
        });
        String taskAssignee = Api.as(port, "demo").get("/engine-rest/task?maxResults=10&processInstanceBusinessKey=" + one.getNumber()).json()
                .get(0).get("assignee").asText();
        assertThat(taskAssignee).isEqualTo(assignee(one));
    }

    @Test
    void leastLoadedPicksTheAgentWithFewestOpenTickets() {
        List<String> agents = members("a", "b");
        Ticket first = create(List.of(), Map.of());
        assertThat(assignee(first)).as("manual: nobody").isNull();
        tickets.updateById(first.getId(), Changes.none().withAssignee(agents.get(0)), Actor.SYSTEM);
        strategy("LEAST_LOADED");
        assertThat(assignee(create(List.of(), Map.of()))).isEqualTo(agents.get(1));
        assertThat(assignee(create(List.of(), Map.of()))).as("1:1, the first by id").isEqualTo(agents.get(0));
        assertThat(assignee(create(List.of(), Map.of()))).isEqualTo(agents.get(1));
    }

    @Test
    void skillsMatchLanguageAndTagsThenLoad() {
        List<String> agents = members("a", "b");
        assertThat(admin().send("PUT", "/api/v1/admin/agents/" + agents.get(0) + "/skills", List.of("lang:fr")).status()).isEqualTo(200);
        Api.Response skills = admin().send("PUT", "/api/v1/admin/agents/" + agents.get(1) + "/skills", List.of("Refund", "refund"));
        assertThat(skills.json().get("skills").toString()).isEqualTo("[\"refund\"]");
        strategy("SKILLS");
        assertThat(assignee(create(List.of("refund"), Map.of()))).isEqualTo(agents.get(1));
        assertThat(assignee(create(List.of(), Map.of(), "fr"))).as("the ticket's language").isEqualTo(agents.get(0));
        assertThat(assignee(create(List.of("refund"), Map.of()))).isEqualTo(agents.get(1));
        assertThat(assignee(create(List.of(), Map.of()))).as("no match: least loaded").isEqualTo(agents.get(0));
    }

    @Test
    void awayAgentsGetNothingAndNobodyAvailableIsLogged() {
        List<String> agents = members("a", "b");
        strategy("ROUND_ROBIN");
        assertThat(admin().send("PUT", "/api/v1/admin/agents/" + agents.get(0) + "/availability", Map.of("available", false))
                .json().get("available").asBoolean()).isFalse();
        assertThat(assignee(create(List.of(), Map.of()))).isEqualTo(agents.get(1));
        assertThat(assignee(create(List.of(), Map.of()))).isEqualTo(agents.get(1));
        admin().send("PUT", "/api/v1/admin/agents/" + agents.get(1) + "/availability", Map.of("available", false));
        Ticket nobody = create(List.of(), Map.of());
        assertThat(assignee(nobody)).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM ticket_activity WHERE ticket_id = ? AND action = 'assignment_skipped'")
                .param(nobody.getId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void routingApiChecksWhoAndWhat() {
        assertThat(alice().get("/api/v1/agents/me/availability").json().get("agent").asText()).isEqualTo("alice");
        assertThat(alice().send("PUT", "/api/v1/admin/teams/billing/assignment", Map.of("strategy", "ROUND_ROBIN")).status()).isEqualTo(403);
        assertThat(alice().send("PUT", "/api/v1/admin/agents/bob/availability", Map.of("available", false)).status()).isEqualTo(403);
        assertThat(Api.anonymous(port).get("/api/v1/agents/me/availability").status()).isEqualTo(401);
        assertThat(admin().send("PUT", "/api/v1/admin/teams/nosuchteam/assignment", Map.of("strategy", "MANUAL")).status()).isEqualTo(404);
        assertThat(admin().send("PUT", "/api/v1/admin/agents/nosuchagent/skills", List.of("x")).status()).isEqualTo(404);
        for (Object bad : List.of("{}", "{\"strategy\":\"FASTEST\"}", "{\"strategy\":3}", "{\"strategy\":\"MANUAL\",\"x\":1}")) {
            Api.Response response = admin().send("PUT", "/api/v1/admin/teams/billing/assignment", bad);
            assertThat(response.status()).as(bad.toString()).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        for (Object bad : List.of("{}", "{\"available\":\"maybe\"}", "{\"available\":null}", "[]")) {
            assertThat(alice().send("PUT", "/api/v1/agents/me/availability", bad).status()).as(bad.toString()).isEqualTo(400);
        }
        assertThat(admin().send("PUT", "/api/v1/admin/agents/bob/skills", List.of("<script>")).status()).isEqualTo(400);
        assertThat(admin().send("PUT", "/api/v1/admin/agents/bob/skills", List.of("x' OR 1=1 --")).status()).isEqualTo(400);
        assertThat(admin().send("PUT", "/api/v1/admin/agents/bob/skills", java.util.Collections.nCopies(51, "a")).status()).isEqualTo(400);
        assertThat(admin().send("PUT", "/api/v1/admin/agents/bob/skills", "[\"" + "a".repeat(51) + "\"]").status()).isEqualTo(400);
        assertThat(admin().get("/api/v1/admin/teams/%3Cscript%3E/assignment").status()).isEqualTo(400);
        assertThat(admin().get("/api/v1/admin/agents/bob/routing").json().get("skills").size()).isZero();
    }
}
