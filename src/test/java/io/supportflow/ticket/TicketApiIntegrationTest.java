package io.supportflow.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The agents' API and the engine REST API (Tasklist's path) over real HTTP, on PostgreSQL. */
@IntegrationTest
class TicketApiIntegrationTest {

    @LocalServerPort int port;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;

    Api admin() { return Api.as(port, "demo"); }
    Api alice() { return Api.as(port, "alice"); }   // billing
    Api bob() { return Api.as(port, "bob"); }       // technical

    @Test
    void ticketGoesThroughItsWholeLifeOverHttp() {
        // created through the API, routed by the DMN to the billing team
        Api.Response created = admin().post("/api/v1/tickets", newTicket("Refund please", "billing", "HIGH"));
        assertThat(created.status()).isEqualTo(201);
        String number = created.json().get("number").asText();
        assertThat(number).matches("SUP-\\d{4}-\\d{6}");
        assertThat(created.header("Location")).isEqualTo("/api/v1/tickets/" + number);
        assertThat(created.json().get("team").asText()).isEqualTo("billing");
        assertThat(created.json().get("status").asText()).isEqualTo("NEW");
        assertThat(created.json().at("/sla/clocks/0/metric").asText()).isEqualTo("FIRST_RESPONSE");
        assertThat(created.json().at("/sla/clocks/0/dueAt").asText()).isNotEmpty();

        // a Tasklist task for alice's team, invisible to bob's
        JsonNode task = onlyTask(alice(), number);
        assertThat(task.get("name").asText()).isEqualTo("Respond to customer: " + number);
        assertThat(tasks(bob(), number)).isEmpty();
        JsonNode form = alice().get("/engine-rest/task/" + task.get("id").asText() + "/form-variables").json();
        assertThat(form.at("/ticketNumber/value").asText()).isEqualTo(number);
        assertThat(form.at("/conversation/value").asText()).contains("I was charged twice");

        // alice claims and answers in Tasklist (engine REST): waiting on the customer
        assertThat(alice().post("/engine-rest/task/" + task.get("id").asText() + "/claim", Map.of("userId", "alice")).status()).isEqualTo(204);
        assertThat(admin().get("/api/v1/tickets/" + number).json().get("assignee").asText()).isEqualTo("alice");
        Api.Response completed = alice().post("/engine-rest/task/" + task.get("id").asText() + "/complete", Map.of("variables", Map.of(
                "reply", Map.of("value", "Which card was it?"),
                "nextStatus", Map.of("value", "WAITING_ON_CUSTOMER"))));
        assertThat(completed.status()).isEqualTo(204);
        JsonNode waiting = alice().get("/api/v1/tickets/" + number).json();
        assertThat(waiting.get("status").asText()).isEqualTo("WAITING_ON_CUSTOMER");
        assertThat(waiting.at("/sla/firstRespondedAt").asText()).isNotEmpty();
        assertThat(tasks(alice(), number)).isEmpty();
        JsonNode reply = last(alice().get("/api/v1/tickets/" + number + "/messages").json());
        assertThat(reply.get("author").asText()).isEqualTo("Alice Archer");
        assertThat(reply.get("authorType").asText()).isEqualTo("AGENT");
        assertThat(reply.get("bodyText").asText()).isEqualTo("Which card was it?");

        // the customer answers (recorded by the agent from a phone call): a new task, still alice's
        Api.Response customer = alice().post("/api/v1/tickets/" + number + "/messages",
                Map.of("body", "The Visa ending 4242.", "authorType", "CUSTOMER"));
        assertThat(customer.status()).isEqualTo(201);
        assertThat(alice().get("/api/v1/tickets/" + number).json().get("status").asText()).isEqualTo("OPEN");
        JsonNode secondTurn = onlyTask(alice(), number);
        assertThat(secondTurn.get("id").asText()).isNotEqualTo(task.get("id").asText());
        assertThat(secondTurn.get("assignee").asText()).isEqualTo("alice");

        // the agent resolves through our API: the same path as Tasklist
        Api.Response resolved = alice().post("/api/v1/tickets/" + number + "/messages",
                Map.of("body", "Refunded, sorry for the trouble.", "status", "RESOLVED"));
        assertThat(resolved.status()).isEqualTo(201);
        JsonNode resolvedTicket = alice().get("/api/v1/tickets/" + number).json();
        assertThat(resolvedTicket.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(resolvedTicket.get("resolvedAt").asText()).isNotEmpty();

        // nobody writes back: the auto-close timer closes it
        Job autoClose = management.createJobQuery().processInstanceId(processInstanceId(number))
                .activityId(TicketLifecycle.Elements.AUTO_CLOSE_AFTER_RESOLVED).singleResult();
        management.executeJob(autoClose.getId());
        assertThat(alice().get("/api/v1/tickets/" + number).json().get("status").asText()).isEqualTo("CLOSED");

        // and a closed ticket takes no more messages
        Api.Response late = alice().post("/api/v1/tickets/" + number + "/messages", Map.of("body", "one more thing", "authorType", "CUSTOMER"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.header("Content-Type")).startsWith("application/problem+json");

        // the activity log tells the whole story
        List<String> actions = new ArrayList<>();
        alice().get("/api/v1/tickets/" + number + "/activity").json().forEach(a -> actions.add(a.get("action").asText()
                + (a.hasNonNull("field") ? ":" + a.get("field").asText() + "=" + a.path("to").asText() : "")));
        assertThat(actions).containsSubsequence("created", "routed:team=billing", "changed:assignee=alice",
                "reply_added", "changed:status=WAITING_ON_CUSTOMER", "customer_replied", "changed:status=OPEN",
                "reply_added", "changed:status=RESOLVED", "changed:status=CLOSED");
    }

    @Test
    void internalNotesStayInternalAndDoNotEndTheTurn() {
        String number = create(admin(), "technical");
        Api.Response note = bob().post("/api/v1/tickets/" + number + "/messages", Map.of("body", "Looks like the cache.", "internal", true));
        assertThat(note.status()).isEqualTo(201);
        JsonNode last = last(note.json());
        assertThat(last.get("internal").asBoolean()).isTrue();
        assertThat(onlyTask(bob(), number)).isNotNull();
        assertThat(bob().get("/api/v1/tickets/" + number).json().get("status").asText()).isEqualTo("NEW");
    }

    @Test
    void snoozeTakesTheTicketOutOfTheQueueUntilItWakesUp() {
        String number = create(admin(), "technical");
        String until = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        Api.Response snoozed = bob().post("/api/v1/tickets/" + number + "/snooze", Map.of("until", until));
        assertThat(snoozed.status()).isEqualTo(200);
        assertThat(snoozed.json().get("snoozedUntil").asText()).isEqualTo(until);
        assertThat(tasks(bob(), number)).isEmpty();
        assertThat(numbers(bob().get("/api/v1/tickets?team=technical&snoozed=false&limit=100").json())).doesNotContain(number);
        assertThat(bob().post("/api/v1/tickets/" + number + "/snooze", Map.of("until", until)).status()).isEqualTo(409);

        Job wakeUp = management.createJobQuery().processInstanceId(processInstanceId(number))
                .activityId(TicketLifecycle.Elements.SNOOZE_ENDED).singleResult();
        assertThat(wakeUp.getDuedate().toInstant()).isEqualTo(Instant.parse(until));
        management.executeJob(wakeUp.getId());
        assertThat(bob().get("/api/v1/tickets/" + number).json().has("snoozedUntil")).isFalse();
        assertThat(onlyTask(bob(), number)).isNotNull();

        // snooze again and wake by hand
        bob().post("/api/v1/tickets/" + number + "/snooze", Map.of("until", until));
        assertThat(bob().delete("/api/v1/tickets/" + number + "/snooze").status()).isEqualTo(200);
        assertThat(onlyTask(bob(), number)).isNotNull();
    }

    @Test
    void mergeMovesTheConversationAndClosesTheSource() {
        String target = create(admin(), "billing");
        String source = create(admin(), "billing");
        alice().post("/api/v1/tickets/" + source + "/messages", Map.of("body", "Also, my address changed.", "authorType", "CUSTOMER"));

        Api.Response merged = alice().post("/api/v1/tickets/" + source + "/merge", Map.of("into", target));
        assertThat(merged.status()).isEqualTo(200);
        assertThat(merged.json().get("number").asText()).isEqualTo(target);

        JsonNode sourceView = alice().get("/api/v1/tickets/" + source).json();
        assertThat(sourceView.get("status").asText()).isEqualTo("CLOSED");
        assertThat(sourceView.get("mergedInto").asText()).isEqualTo(target);
        assertThat(tasks(alice(), source)).isEmpty();

        List<String> texts = new ArrayList<>();
        alice().get("/api/v1/tickets/" + target + "/messages").json().forEach(m -> texts.add(m.get("ticketNumber").asText() + ":" + m.get("bodyText").asText()));
        assertThat(texts).contains(source + ":Also, my address changed.", target + ":Ticket " + source + " was merged into this ticket by Alice Archer.");
        assertThat(alice().get("/api/v1/tickets/" + target + "/activity").json().toString()).contains("merged_from", "merged_into");

        assertThat(alice().post("/api/v1/tickets/" + source + "/messages", Map.of("body", "hi", "authorType", "CUSTOMER")).status()).isEqualTo(409);
        assertThat(alice().post("/api/v1/tickets/" + target + "/merge", Map.of("into", source)).status()).isEqualTo(409);
    }

    @Test
    void cancelEndsTheProcess() {
        String number = create(admin(), "general");
        Api.Response cancelled = admin().patch("/api/v1/tickets/" + number, Map.of("status", "CANCELLED"));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(tasks(admin(), number)).isEmpty();
        assertThat(admin().patch("/api/v1/tickets/" + number, Map.of("status", "OPEN")).status()).isEqualTo(409);
        assertThat(admin().patch("/api/v1/tickets/" + number, Map.of("priority", "HIGH")).status()).isEqualTo(409);
    }

    @Test
    void patchChangesFieldsAndKeepsTheTaskInStep() {
        String number = create(admin(), "billing");
        Api.Response patched = admin().patch("/api/v1/tickets/" + number, Map.of(
                "priority", "URGENT", "team", "technical", "assignee", "bob", "tags", List.of("Outage", "api"), "category", "technical"));
        assertThat(patched.status()).isEqualTo(200);
        JsonNode view = patched.json();
        assertThat(view.get("priority").asText()).isEqualTo("URGENT");
        assertThat(view.get("team").asText()).isEqualTo("technical");
        assertThat(view.get("assignee").asText()).isEqualTo("bob");
        assertThat(view.get("tags").toString()).isEqualTo("[\"outage\",\"api\"]");

        JsonNode task = onlyTask(bob(), number);
        assertThat(task.get("assignee").asText()).isEqualTo("bob");
        assertThat(task.get("priority").asInt()).isEqualTo(Priority.URGENT.rank());
        assertThat(tasks(alice(), number)).as("no longer billing's").isEmpty();
        assertThat(alice().get("/api/v1/tickets/" + number).status()).isEqualTo(404);

        Api.Response unassigned = bob().send("PATCH", "/api/v1/tickets/" + number, "{\"assignee\": null}");
        assertThat(unassigned.status()).isEqualTo(200);
        assertThat(unassigned.json().has("assignee")).isFalse();
        assertThat(onlyTask(bob(), number).hasNonNull("assignee")).isFalse();

        assertThat(admin().patch("/api/v1/tickets/" + number, Map.of("assignee", "alice")).status())
                .as("alice is not in the technical team").isEqualTo(400);
        assertThat(admin().patch("/api/v1/tickets/" + number, Map.of("status", "CLOSED")).status()).isEqualTo(409);
    }

    @Test
    void agentsSeeOnlyTheirTeamsTickets() {
        String billing = create(admin(), "billing");
        String technical = create(admin(), "technical");
        assertThat(alice().get("/api/v1/tickets/" + billing).status()).isEqualTo(200);
        Api.Response hidden = alice().get("/api/v1/tickets/" + technical);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(alice().get("/api/v1/tickets/" + technical + "/messages").status()).isEqualTo(404);
        assertThat(alice().post("/api/v1/tickets/" + technical + "/messages", Map.of("body", "x")).status()).isEqualTo(404);
        assertThat(alice().patch("/api/v1/tickets/" + technical, Map.of("priority", "LOW")).status()).isEqualTo(404);
        assertThat(alice().post("/api/v1/tickets/" + billing + "/merge", Map.of("into", technical)).status()).isEqualTo(404);

        Set<String> teams = new HashSet<>();
        pages(alice(), "/api/v1/tickets?limit=100").forEach(t -> teams.add(t.get("team").asText()));
        assertThat(teams).containsOnly("billing");
        assertThat(tasks(alice(), technical)).isEmpty();
        assertThat(admin().get("/api/v1/tickets/" + technical).status()).isEqualTo(200);

        // a ticket moved to another team stays visible to the agent it is assigned to, in the list too
        String moved = create(admin(), "billing");
        assertThat(admin().patch("/api/v1/tickets/" + moved, Map.of("assignee", "alice")).status()).isEqualTo(200);
        assertThat(admin().patch("/api/v1/tickets/" + moved, Map.of("team", "technical")).status()).isEqualTo(200);
        assertThat(alice().get("/api/v1/tickets/" + moved).status()).isEqualTo(200);
        Set<String> visible = new HashSet<>();
        pages(alice(), "/api/v1/tickets?limit=100").forEach(t -> visible.add(t.get("number").asText()));
        assertThat(visible).contains(moved, billing).doesNotContain(technical);
        assertThat(numbers(alice().get("/api/v1/tickets?team=technical").json())).containsExactly(moved);
        assertThat(numbers(alice().get("/api/v1/tickets?q=" + moved).json())).containsExactly(moved);
    }

    @Test
    void listsFilterSortAndPageWithACursor() {
        String tag = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> created = new ArrayList<>();
        for (String priority : List.of("LOW", "URGENT", "MEDIUM", "URGENT", "HIGH")) {
            Map<String, Object> body = new java.util.HashMap<>(newTicket("Batch " + priority, "general", priority));
            body.put("tags", List.of(tag));
            created.add(admin().post("/api/v1/tickets", body).json().get("number").asText());
        }
        List<JsonNode> all = pages(admin(), "/api/v1/tickets?tag=" + tag + "&sort=priority&limit=2");
        assertThat(all).extracting(t -> t.get("priority").asText()).containsExactly("URGENT", "URGENT", "HIGH", "MEDIUM", "LOW");
        assertThat(all).extracting(t -> t.get("number").asText()).startsWith(created.get(1), created.get(3));

        assertThat(numbers(admin().get("/api/v1/tickets?tag=" + tag + "&priority=URGENT&priority=HIGH").json())).hasSize(3);
        assertThat(numbers(admin().get("/api/v1/tickets?q=" + created.get(0)).json())).containsExactly(created.get(0));
        assertThat(numbers(admin().get("/api/v1/tickets?tag=" + tag + "&q=batch%20medium").json())).containsExactly(created.get(2));
        assertThat(numbers(admin().get("/api/v1/tickets?tag=" + tag + "&status=RESOLVED").json())).isEmpty();
        assertThat(pages(admin(), "/api/v1/tickets?tag=" + tag + "&sort=-created&limit=1"))
                .extracting(t -> t.get("number").asText()).containsExactlyElementsOf(reversed(created));
        assertThat(numbers(admin().get("/api/v1/tickets?tag=" + tag + "&assignee=none").json())).hasSize(5);
        assertThat(numbers(admin().get("/api/v1/tickets?tag=" + tag + "&assignee=me").json())).isEmpty();
    }

    @Test
    void ticketNumbersStaySequentialAndUniqueUnderConcurrentCreation() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                futures.add(pool.submit(() -> admin().post("/api/v1/tickets", newTicket("Concurrent", "general", "LOW"))));
            }
            Set<String> numbers = new HashSet<>();
            for (Future<Api.Response> f : futures) {
                Api.Response r = f.get();
                assertThat(r.status()).isEqualTo(201);
                numbers.add(r.json().get("number").asText());
            }
            assertThat(numbers).hasSize(24);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theActivityLogCannotBeChangedOrDeleted() {
        String number = create(admin(), "general");
        long id = jdbc.sql("SELECT a.id FROM ticket_activity a JOIN ticket t ON t.id = a.ticket_id WHERE t.number = ? LIMIT 1")
                .param(number).query(Long.class).single();
        assertThatThrownBy(() -> jdbc.sql("UPDATE ticket_activity SET action = 'forged' WHERE id = ?").param(id).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM ticket_activity WHERE id = ?").param(id).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE ticket_activity CASCADE").update()).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.sql("SELECT action FROM ticket_activity WHERE id = ?").param(id).query(String.class).single()).isEqualTo("created");
    }

    @Test
    void requesterIsLinkedToAKnownCustomer() {
        Map<String, Object> body = new java.util.HashMap<>(newTicket("Known customer", "general", "LOW"));
        body.put("requester", Map.of("name", "Jane", "email", "JANE@acme.example"));
        JsonNode view = admin().post("/api/v1/tickets", body).json();
        assertThat(view.at("/requester/customerId").isNumber()).isTrue();
        assertThat(view.at("/requester/organizationId").isNumber()).isTrue();
    }

    // --- helpers -----------------------------------------------------------------------------

    String processInstanceId(String number) {
        return jdbc.sql("SELECT process_instance_id FROM ticket WHERE number = ?").param(number).query(String.class).single();
    }

    static Map<String, Object> newTicket(String subject, String category, String priority) {
        return Map.of("subject", subject, "description", "Hello, I was charged twice this month.",
                "requester", Map.of("name", "Chris Customer", "email", "chris@example.com"),
                "category", category, "priority", priority);
    }

    static String create(Api api, String category) {
        Api.Response r = api.post("/api/v1/tickets", newTicket("Ticket for " + category, category, "MEDIUM"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("number").asText();
    }

    List<JsonNode> tasks(Api api, String number) {
        Api.Response r = api.get("/engine-rest/task?processInstanceBusinessKey=" + number + "&maxResults=10");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        r.json().forEach(list::add);
        return list;
    }

    JsonNode onlyTask(Api api, String number) {
        List<JsonNode> list = tasks(api, number);
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }

    static List<String> numbers(JsonNode page) {
        List<String> numbers = new ArrayList<>();
        page.get("items").forEach(t -> numbers.add(t.get("number").asText()));
        return numbers;
    }

    static List<JsonNode> pages(Api api, String path) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response r = api.get(path + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            r.json().get("items").forEach(all::add);
            cursor = r.json().hasNonNull("nextCursor") ? r.json().get("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
