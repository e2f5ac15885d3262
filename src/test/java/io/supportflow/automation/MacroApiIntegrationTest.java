package io.supportflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Macros over HTTP: managed by admins, applied by agents in one step, placeholders filled, bad input refused. */
@IntegrationTest
class MacroApiIntegrationTest {

    @LocalServerPort int port;

    final String marker = "mc" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    Api admin() { return Api.as(port, "demo"); }
    Api alice() { return Api.as(port, "alice"); }

    String billingTicket() {
        Api.Response created = admin().post("/api/v1/tickets", Map.of("subject", "Invoice " + marker, "description", "Wrong amount",
                "requester", Map.of("name", "Jane Doe", "email", "jane@acme.example"), "category", "billing", "tags", List.of("old")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("number").asText();
    }

    long macro(Map<String, Object> definition) {
        Api.Response created = admin().post("/api/v1/admin/macros", definition);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    @Test
    void applyingAMacroRepliesAndChangesFieldsInOneStepAsTheAgent() {
        long id = macro(Map.of("name", "Ask for invoice " + marker,
                "body", "Hello {{requester.name}}, about {{ticket.number}}: which invoice is it? {{agent.name}}",
                "status", "WAITING_ON_CUSTOMER", "priority", "HIGH", "addTags", List.of("invoice"), "removeTags", List.of("old")));
        assertThat(alice().get("/api/v1/macros").json().findValuesAsText("name")).contains("Ask for invoice " + marker);
        String number = billingTicket();

        Api.Response applied = alice().post("/api/v1/tickets/" + number + "/macros/" + id, null);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().get("status").asText()).isEqualTo("WAITING_ON_CUSTOMER");
        assertThat(applied.json().get("priority").asText()).isEqualTo("HIGH");
        assertThat(applied.json().get("tags").toString()).isEqualTo("[\"invoice\"]");
        JsonNode messages = alice().get("/api/v1/tickets/" + number + "/messages").json();
        JsonNode reply = messages.get(messages.size() - 1);
        assertThat(reply.get("bodyText").asText()).isEqualTo("Hello Jane Doe, about " + number + ": which invoice is it? Alice Archer");
        assertThat(reply.get("internal").asBoolean()).isFalse();
        List<String> actors = new ArrayList<>();
        alice().get("/api/v1/tickets/" + number + "/activity").json().forEach(e -> {
            if (e.get("action").asText().equals("changed")) {
                actors.add(e.get("field").asText() + ":" + e.get("actor").asText());
            }
        });
        assertThat(actors).contains("priority:alice", "tags:alice", "status:alice");
    }

    @Test
    void aMacroThatCannotCompleteChangesNothing() {
        // the ticket service refuses the category (no such category): nothing of the macro is applied
        long id = macro(Map.of("name", "Note only " + marker, "body", "Internal: {{ticket.subject}}", "internal", true,
                "priority", "URGENT", "addTags", List.of("touched"), "category", "no_such_category"));
        String number = billingTicket();
        Api.Response applied = alice().post("/api/v1/tickets/" + number + "/macros/" + id, null);
        assertThat(applied.status()).as(applied.body()).isEqualTo(400);
        JsonNode ticket = alice().get("/api/v1/tickets/" + number).json();
        assertThat(ticket.get("priority").asText()).isEqualTo("MEDIUM");
        assertThat(ticket.get("tags").toString()).isEqualTo("[\"old\"]");
        assertThat(alice().get("/api/v1/tickets/" + number + "/messages").json().size()).as("no note").isEqualTo(1);
        assertThat(Api.as(port, "bob").post("/api/v1/tickets/" + number + "/macros/" + id, null).status())
                .as("bob cannot see billing tickets").isEqualTo(404);
        assertThat(alice().post("/api/v1/tickets/" + number + "/macros/999999999", null).status()).isEqualTo(404);
        assertThat(alice().post("/api/v1/tickets/" + number + "/macros/abc", null).status()).isEqualTo(400);
        assertThat(alice().post("/api/v1/tickets/%3Cscript%3E/macros/" + id, null).status()).isEqualTo(400);
    }

    @Test
    void adminsManageMacrosAndBadDefinitionsAreRefused() {
        long id = macro(Map.of("name", "Close " + marker, "status", "RESOLVED"));
        Api.Response replaced = admin().send("PUT", "/api/v1/admin/macros/" + id, Map.of("name", "Close " + marker, "status", "OPEN"));
        assertThat(replaced.json().get("status").asText()).isEqualTo("OPEN");
        assertThat(admin().post("/api/v1/admin/macros", Map.of("name", "Close " + marker, "status", "OPEN")).status()).isEqualTo(409);
        assertThat(alice().post("/api/v1/admin/macros", Map.of("name", "Mine " + marker, "status", "OPEN")).status()).isEqualTo(403);

        List<Map<String, Object>> bad = List.of(
                Map.of("name", "Nothing " + marker),
                Map.of("name", "<b>x</b>", "status", "OPEN"),
                Map.of("name", "Placeholder " + marker, "body", "Hi {{customer.password}}"),
                Map.of("name", "Status " + marker, "status", "CLOSED"),
                Map.of("name", "Priority " + marker, "priority", "'; DROP TABLE macro; --"),
                Map.of("name", "Tags " + marker, "addTags", List.of("<script>")),
                Map.of("name", "Long " + marker, "body", "x".repeat(6000)));
        for (Map<String, Object> definition : bad) {
            Api.Response r = admin().post("/api/v1/admin/macros", definition);
            assertThat(r.status()).as(definition.toString()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
        Map<String, Object> unknownField = new HashMap<>(Map.of("name", "Unknown " + marker, "status", "OPEN", "sql", "x"));
        assertThat(admin().post("/api/v1/admin/macros", unknownField).status()).isEqualTo(400);
        assertThat(admin().post("/api/v1/admin/macros", "{\"name\": 5, \"internal\": \"maybe\"}").status()).isEqualTo(400);

        assertThat(admin().delete("/api/v1/admin/macros/" + id).status()).isEqualTo(204);
        assertThat(admin().get("/api/v1/admin/macros/" + id).status()).isEqualTo(404);
    }
}
