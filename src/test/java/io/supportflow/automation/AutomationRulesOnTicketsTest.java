package io.supportflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.TicketLifecycle;
import io.supportflow.ticket.TicketService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stored rules acting on real tickets: every trigger, every action type, failures, loop prevention and the
 * chain bound, through the real engine and ticket service on PostgreSQL. Each test's rules only match
 * tickets whose subject carries the test's marker, and are deleted afterwards.
 */
@IntegrationTest
class AutomationRulesOnTicketsTest {

    static final String RULES = "/api/v1/admin/automations";

    @LocalServerPort int port;
    @Autowired ManagementService management;
    @Autowired TicketService tickets;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcClient jdbc;

    final String marker = "aw" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final List<Long> rules = new ArrayList<>();

    Api admin() { return Api.as(port, "demo"); }
    Api alice() { return Api.as(port, "alice"); }

    @AfterEach
    void deleteRules() {
        rules.forEach(id -> admin().delete(RULES + "/" + id));
    }

    long rule(String name, String trigger, List<Map<String, Object>> conditions, List<Map<String, Object>> actions) {
        List<Map<String, Object>> all = new ArrayList<>(conditions);
        all.add(0, cond("subject", "CONTAINS", marker));
        Api.Response created = admin().post(RULES, Map.of("name", name + " " + marker, "trigger", trigger, "match", "ALL",
                "conditions", all, "actions", actions));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        rules.add(id);
        return id;
    }

    static Map<String, Object> cond(String field, String operator, String value) {
        return Map.of("field", field, "operator", operator, "values", List.of(value));
    }

    static Map<String, Object> action(String type, Map<String, Object> params) {
        return Map.of("type", type, "params", params);
    }

    static Map<String, Object> tag(String tag) {
        return action("ADD_TAGS", Map.of("tags", List.of(tag)));
    }

    String ticket(String category) {
        Api.Response created = admin().post("/api/v1/tickets", Map.of("subject", "Help " + marker, "description", "Something broke",
                "requester", Map.of("name", "Jane Doe", "email", "jane@acme.example"), "category", category, "priority", "MEDIUM"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("number").asText();
    }

    JsonNode get(String number) {
        return admin().get("/api/v1/tickets/" + number).json();
    }

    List<String> tags(String number) {
        List<String> tags = new ArrayList<>();
        get(number).get("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    List<JsonNode> activity(String number, String action) {
        List<JsonNode> entries = new ArrayList<>();
        admin().get("/api/v1/tickets/" + number + "/activity").json().forEach(e -> {
            if (e.get("action").asText().equals(action)) {
                entries.add(e);
            }
        });
        return entries;
    }

    List<JsonNode> messages(String number) {
        List<JsonNode> list = new ArrayList<>();
        admin().get("/api/v1/tickets/" + number + "/messages").json().forEach(list::add);
        return list;
    }

    long ticketId(String number) {
        return jdbc.sql("SELECT id FROM ticket WHERE number = ?").param(number).query(Long.class).single();
    }

    void patch(String number, Map<String, Object> changes) {
        Api.Response response = admin().patch("/api/v1/tickets/" + number, changes);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    void post(String number, Map<String, Object> message) {
        Api.Response response = admin().post("/api/v1/tickets/" + number + "/messages", message);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void createdRuleActsThroughTheTicketServiceAndTheLogNamesTheRule() {
        long id = rule("Urgent VIP", "TICKET_CREATED", List.of(), List.of(
                action("SET_PRIORITY", Map.of("priority", "URGENT")), tag("vip"),
                action("SET_CATEGORY", Map.of("category", "billing")), action("ASSIGN_TEAM", Map.of("team", "billing"))));
        String number = ticket("general");

        JsonNode ticket = get(number);
        assertThat(ticket.get("priority").asText()).isEqualTo("URGENT");
        assertThat(ticket.get("category").asText()).isEqualTo("billing");
        assertThat(ticket.get("team").asText()).isEqualTo("billing");
        assertThat(tags(number)).contains("vip");
        List<JsonNode> fired = activity(number, "rule_fired");
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).get("actor").asText()).isEqualTo("rule:" + id);
        assertThat(fired.get(0).get("from").asText()).isEqualTo("TICKET_CREATED");
        assertThat(fired.get(0).get("to").asText()).isEqualTo("Urgent VIP " + marker);
        assertThat(activity(number, "changed")).filteredOn(e -> e.get("field").asText().equals("priority"))
                .singleElement().satisfies(e -> assertThat(e.get("actor").asText()).isEqualTo("rule:" + id));
        // the team moved with the workflow: billing's agent now sees the ticket's task
        assertThat(alice().get("/api/v1/tickets/" + number).status()).isEqualTo(200);
        // an agent's later change is an update, not a creation: the rule does not run again
        patch(number, Map.of("priority", "LOW"));
        assertThat(activity(number, "rule_fired")).hasSize(1);
    }

    @Test
    void updatedStatusPriorityAndAssignedTriggers() {
        rule("Updated", "TICKET_UPDATED", List.of(cond("tags", "CONTAINS", "poke")), List.of(tag("updated-seen")));
        rule("Status", "STATUS_CHANGED", List.of(cond("status", "EQUALS", "WAITING_ON_CUSTOMER")), List.of(tag("status-seen")));
        rule("Priority", "PRIORITY_CHANGED", List.of(cond("priority", "EQUALS", "HIGH")), List.of(tag("priority-seen")));
        rule("Assigned", "ASSIGNED", List.of(cond("assignee", "EQUALS", "alice")), List.of(tag("assigned-seen")));
        String number = ticket("billing");
        assertThat(tags(number)).isEmpty();

        patch(number, Map.of("tags", List.of("poke")));
        assertThat(tags(number)).containsExactly("poke", "updated-seen");
        patch(number, Map.of("priority", "HIGH"));
        assertThat(tags(number)).contains("priority-seen");
        patch(number, Map.of("assignee", "alice"));
        assertThat(tags(number)).contains("assigned-seen");
        assertThat(tags(number)).doesNotContain("status-seen");
        post(number, Map.of("body", "Could you send the invoice number?", "status", "WAITING_ON_CUSTOMER"));
        assertThat(tags(number)).contains("status-seen");
        assertThat(activity(number, "rule_fired")).extracting(e -> e.get("from").asText())
                .contains("TICKET_UPDATED", "PRIORITY_CHANGED", "ASSIGNED", "STATUS_CHANGED");
    }

    @Test
    void messageAddedTellsCustomerAgentAndInternalMessagesApart() {
        rule("Customer", "MESSAGE_ADDED", List.of(cond("message.authorType", "EQUALS", "CUSTOMER"),
                cond("message.text", "CONTAINS", "cancel")), List.of(tag("customer-cancel")));
        rule("Agent", "MESSAGE_ADDED", List.of(cond("message.authorType", "EQUALS", "AGENT"),
                cond("message.internal", "EQUALS", "false")), List.of(tag("agent-replied")));
        rule("Internal", "MESSAGE_ADDED", List.of(cond("message.internal", "EQUALS", "true")), List.of(tag("noted")));
        String number = ticket("general");
        assertThat(tags(number)).as("the description is the creation, not a message").isEmpty();

        post(number, Map.of("body", "Just a note for colleagues", "internal", true));
        assertThat(tags(number)).containsExactly("noted");
        post(number, Map.of("body", "Please cancel my order", "authorType", "CUSTOMER"));
        assertThat(tags(number)).containsExactly("noted", "customer-cancel");
        post(number, Map.of("body", "Done, it is cancelled."));
        assertThat(tags(number)).containsExactly("noted", "customer-cancel", "agent-replied");
    }

    @Test
    void theApiAnswerShowsWhatTheRulesDidBeforeTheCommit() {
        rule("Tag on create", "TICKET_CREATED", List.of(), List.of(tag("seen-by-rules")));
        rule("Urgent when escalated", "TICKET_UPDATED", List.of(cond("tags", "CONTAINS", "escalate-me")),
                List.of(action("SET_PRIORITY", Map.of("priority", "URGENT"))));

        Api.Response created = admin().post("/api/v1/tickets", Map.of("subject", "Help " + marker, "description", "x",
                "requester", Map.of("name", "Jane Doe", "email", "jane@acme.example"), "category", "general"));
        assertThat(created.json().get("tags").toString()).isEqualTo("[\"seen-by-rules\"]");

        String number = created.json().get("number").asText();
        Api.Response updated = admin().patch("/api/v1/tickets/" + number, Map.of("tags", List.of("seen-by-rules", "escalate-me")));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("priority").asText()).isEqualTo("URGENT");
    }

    @Test
    void slaWarningAndBreachTriggerRules() {
        rule("Warned", "SLA_WARNING", List.of(), List.of(tag("sla-warned")));
        rule("Breached", "SLA_BREACHED", List.of(), List.of(action("ESCALATE", Map.of("reason", "response overdue")),
                action("SEND_REPLY", Map.of("response", "escalation_notice", "language", "fr"))));
        String number = ticket("general");

        long id = ticketId(number);
        transactions.executeWithoutResult(s -> tickets.recordActivity(id, Actor.SYSTEM, "sla_warning", "firstResponse", null, null));
        assertThat(tags(number)).containsExactly("sla-warned");

        // the ticket's real first-response clock (processes/sla-clock.bpmn) misses its target
        String processInstanceId = jdbc.sql("SELECT process_instance_id FROM sla_clock WHERE ticket_id = ? AND metric = 'FIRST_RESPONSE'")
                .param(id).query(String.class).single();
        Job due = management.createJobQuery().processInstanceId(processInstanceId)
                .activityId("TimerEvent_TargetMissed").singleResult();
        management.executeJob(due.getId());
        assertThat(activity(number, "sla_breached")).hasSize(1);
        assertThat(get(number).get("priority").asText()).as("escalated one step").isEqualTo("HIGH");
        assertThat(activity(number, "escalated")).singleElement()
                .satisfies(e -> assertThat(e.get("to").asText()).isEqualTo("response overdue"));
        assertThat(messages(number)).filteredOn(m -> !m.get("internal").asBoolean() && m.get("bodyText").asText().contains("transmise"))
                .singleElement().satisfies(m -> assertThat(m.get("bodyText").asText())
                        .startsWith("Bonjour ").contains(number, "prend plus de temps que prévu").doesNotContain("{{"));
    }

    @Test
    void messageStatusAssignmentAndRecordedActions() {
        String key = "aw_" + marker.substring(2);
        jdbc.sql("INSERT INTO custom_field (tenant_id, key, label, type) VALUES ('default', ?, 'Rule field', 'TEXT')").param(key).update();
        rule("Everything", "TICKET_CREATED", List.of(), List.of(
                action("ASSIGN_AGENT", Map.of("agent", "alice")),
                action("SET_CUSTOM_FIELD", Map.of("key", key, "value", "from a rule")),
                action("ADD_INTERNAL_NOTE", Map.of("text", "Routed by a rule")),
                action("SEND_REPLY", Map.of("template", "We received {{ticket.number}}, {{requester.name}}.")),
                action("SET_STATUS", Map.of("status", "IN_PROGRESS")),
                action("NOTIFY", Map.of("recipients", List.of("alice", "assignee"), "message", "Look at this")),
                action("WEBHOOK", Map.of("url", "https://hooks.example.com/t")),
                action("STOP_PROCESSING", Map.of())));
        rule("After stop", "TICKET_CREATED", List.of(), List.of(tag("never")));
        String number = ticket("billing");

        JsonNode ticket = get(number);
        assertThat(ticket.get("assignee").asText()).isEqualTo("alice");
        assertThat(ticket.get("customFields").get(key).asText()).isEqualTo("from a rule");
        assertThat(ticket.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(tags(number)).doesNotContain("never");
        List<JsonNode> messages = messages(number);
        assertThat(messages).anySatisfy(m -> {
            assertThat(m.get("internal").asBoolean()).isTrue();
            assertThat(m.get("bodyText").asText()).isEqualTo("Routed by a rule");
        });
        assertThat(messages).anySatisfy(m -> {
            assertThat(m.get("internal").asBoolean()).isFalse();
            assertThat(m.get("bodyText").asText()).isEqualTo("We received " + number + ", Jane Doe.");
        });
        assertThat(activity(number, "notification_requested")).singleElement()
                .satisfies(e -> assertThat(e.get("to").asText()).isEqualTo("alice,assignee"));
        assertThat(activity(number, "webhook_requested")).singleElement()
                .satisfies(e -> assertThat(e.get("to").asText()).isEqualTo("https://hooks.example.com/t"));
        assertThat(activity(number, "rule_fired")).hasSize(1);
    }

    @Test
    void refusedActionIsRolledBackAloneAndLogged() {
        long id = rule("Half wrong", "TICKET_CREATED", List.of(), List.of(
                action("ASSIGN_AGENT", Map.of("agent", "bob")), tag("applied"), action("SET_STATUS", Map.of("status", "CLOSED")),
                action("REMOVE_TAGS", Map.of("tags", List.of("applied")))));
        String number = ticket("billing");

        JsonNode ticket = get(number);
        assertThat(ticket.get("status").asText()).isEqualTo("NEW");
        assertThat(ticket.has("assignee")).as("bob is not in billing").isFalse();
        assertThat(tags(number)).isEmpty();
        List<JsonNode> failed = activity(number, "rule_action_failed");
        assertThat(failed).extracting(e -> e.get("field").asText()).containsExactly("ASSIGN_AGENT", "SET_STATUS");
        assertThat(failed).allSatisfy(e -> assertThat(e.get("actor").asText()).isEqualTo("rule:" + id));
        assertThat(activity(number, "changed")).filteredOn(e -> e.get("field").asText().equals("tags"))
                .extracting(e -> e.get("to").asText()).containsExactly("applied", "");
        // the ticket still works normally afterwards
        post(number, Map.of("body", "Hello", "status", "WAITING_ON_CUSTOMER"));
        assertThat(get(number).get("status").asText()).isEqualTo("WAITING_ON_CUSTOMER");
    }

    @Test
    void rulesActAsTheSystemNotAsTheAgentWhoseRequestTriggeredThem() {
        rule("Hand over", "MESSAGE_ADDED", List.of(cond("message.text", "CONTAINS", "server")), List.of(
                action("ASSIGN_AGENT", Map.of("agent", "carol")), action("SET_STATUS", Map.of("status", "IN_PROGRESS"))));
        String number = ticket("technical");
        // bob answers in Tasklist (engine REST): his engine identity may not read carol or change the process on
        // its own authority; the rule, acting as the system, may
        Api bob = Api.as(port, "bob");
        String task = bob.get("/engine-rest/task?maxResults=10&processInstanceBusinessKey=" + number).json().get(0).get("id").asText();
        Api.Response completed = bob.post("/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of(
                "reply", Map.of("value", "The server is restarting"))));
        assertThat(completed.status()).as(completed.body()).isEqualTo(204);
        assertThat(activity(number, "rule_action_failed")).isEmpty();
        JsonNode ticket = get(number);
        assertThat(ticket.get("assignee").asText()).isEqualTo("carol");
        assertThat(ticket.get("status").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aRulesOwnChangeDoesNotTriggerItAgain() {
        rule("Escalate on change", "PRIORITY_CHANGED", List.of(), List.of(action("ESCALATE", Map.of("reason", "changed"))));
        String number = ticket("general");
        patch(number, Map.of("priority", "LOW"));
        assertThat(get(number).get("priority").asText()).as("LOW, escalated once; not up to CRITICAL").isEqualTo("MEDIUM");
        assertThat(activity(number, "rule_fired")).hasSize(1);
    }

    @Test
    void chainsOfRulesStopAtTheDepthBoundAndTheLogSaysSo() {
        rule("Up", "PRIORITY_CHANGED", List.of(cond("priority", "EQUALS", "HIGH")),
                List.of(action("SET_PRIORITY", Map.of("priority", "URGENT"))));
        rule("Down", "PRIORITY_CHANGED", List.of(cond("priority", "EQUALS", "URGENT")),
                List.of(action("SET_PRIORITY", Map.of("priority", "HIGH"))));
        String number = ticket("general");
        patch(number, Map.of("priority", "HIGH"));

        assertThat(activity(number, "rule_fired")).hasSize(AutomationEngine.MAX_CHAIN_DEPTH)
                .extracting(e -> e.get("to").asText())
                .containsExactly("Up " + marker, "Down " + marker, "Up " + marker, "Down " + marker, "Up " + marker);
        assertThat(get(number).get("priority").asText()).isEqualTo("URGENT");
        assertThat(activity(number, "rule_chain_stopped")).singleElement().satisfies(e -> {
            assertThat(e.get("to").asText()).isEqualTo("Down " + marker);
            assertThat(e.get("from").asText()).isEqualTo("PRIORITY_CHANGED");
        });
    }

    @Test
    void dryRunOnARealTicketChangesNothing() {
        long id = rule("Dry", "MESSAGE_ADDED", List.of(cond("message.text", "CONTAINS", "refund")), List.of(tag("dry")));
        String number = ticket("general");
        String activityBefore = admin().get("/api/v1/tickets/" + number + "/activity").body();

        Api.Response run = admin().post("/api/v1/automations/dry-run", Map.of("ticket", number, "trigger", "MESSAGE_ADDED",
                "message", Map.of("text", "I want a refund", "authorType", "CUSTOMER", "internal", false)));
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.json().get("matchedRules")).singleElement()
                .satisfies(m -> assertThat(m.get("ruleId").asText()).isEqualTo(String.valueOf(id)));
        assertThat(run.json().get("actions").get(0).get("action").asText()).isEqualTo("ADD_TAGS");
        assertThat(admin().get("/api/v1/tickets/" + number + "/activity").body()).isEqualTo(activityBefore);
        assertThat(tags(number)).isEmpty();

        assertThat(alice().post("/api/v1/automations/dry-run", Map.of("ticket", number, "trigger", "TICKET_CREATED")).status())
                .isEqualTo(403);
        assertThat(admin().post("/api/v1/automations/dry-run", Map.of("ticket", "SUP-1900-999999", "trigger", "TICKET_CREATED")).status())
                .isEqualTo(404);
        for (String bad : List.of("{}", "{\"ticket\":\"" + number + "\",\"trigger\":\"NOPE\"}",
                "{\"ticket\":\"<script>alert(1)</script>\",\"trigger\":\"TICKET_CREATED\"}",
                "{\"ticket\":\"x' OR '1'='1\",\"trigger\":\"TICKET_CREATED\"}",
                "{\"ticket\":42,\"trigger\":[]}", "{\"ticket\":\"" + "A".repeat(5000) + "\",\"trigger\":\"TICKET_CREATED\"}")) {
            Api.Response response = admin().post("/api/v1/automations/dry-run", bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(Api.anonymous(port).post("/api/v1/automations/dry-run", Map.of("ticket", number, "trigger", "TICKET_CREATED"))
                .status()).isEqualTo(401);
    }
}
