package io.supportflow.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class TicketFieldsIntegrationTest {

    @LocalServerPort int port;

    Api admin() { return Api.as(port, "demo"); }

    @Test
    void adminDefinedCategoryIsUsableAndRoutedByTheCatchAllRule() {
        String code = "returns_" + suffix();
        assertThat(admin().post("/api/v1/admin/categories", Map.of("code", code, "name", "Returns")).status()).isEqualTo(201);
        assertThat(admin().post("/api/v1/admin/categories", Map.of("code", code, "name", "Again")).status()).isEqualTo(409);
        assertThat(Api.as(port, "dave").get("/api/v1/ticket-fields").body()).contains(code);

        Api.Response ticket = admin().post("/api/v1/tickets", ticket(code, Map.of()));
        assertThat(ticket.status()).isEqualTo(201);
        assertThat(ticket.json().get("team").asText()).isEqualTo("general");
        assertThat(admin().delete("/api/v1/admin/categories/" + code).status()).as("in use").isEqualTo(409);
        assertThat(admin().delete("/api/v1/admin/categories/billing").status()).as("built in").isEqualTo(409);

        String unused = "unused_" + suffix();
        admin().post("/api/v1/admin/categories", Map.of("code", unused, "name", "Unused"));
        assertThat(admin().delete("/api/v1/admin/categories/" + unused).status()).isEqualTo(204);
        assertThat(admin().post("/api/v1/tickets", ticket(unused, Map.of())).status()).isEqualTo(400);
    }

    @Test
    void customFieldsAreValidatedAgainstTheirDefinitions() {
        String plan = "plan" + suffix();
        assertThat(admin().post("/api/v1/admin/custom-fields", Map.of("key", plan, "label", "Plan", "type", "SELECT",
                "options", List.of("Free", "Pro", "Enterprise"))).status()).isEqualTo(201);
        String seats = "seats" + suffix();
        assertThat(admin().post("/api/v1/admin/custom-fields", Map.of("key", seats, "label", "Seats", "type", "NUMBER")).status()).isEqualTo(201);

        Api.Response ok = admin().post("/api/v1/tickets", ticket("general", Map.of(plan, "Pro", seats, 12)));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().at("/customFields/" + plan).asText()).isEqualTo("Pro");
        assertThat(admin().post("/api/v1/tickets", ticket("general", Map.of(plan, "Gold"))).status()).isEqualTo(400);
        assertThat(admin().post("/api/v1/tickets", ticket("general", Map.of(seats, "twelve"))).status()).isEqualTo(400);
        assertThat(admin().post("/api/v1/tickets", ticket("general", Map.of("nosuchfield", "x"))).status()).isEqualTo(400);

        String number = ok.json().get("number").asText();
        Map<String, Object> removeSeats = new HashMap<>();
        removeSeats.put(seats, null);
        Api.Response patched = admin().patch("/api/v1/tickets/" + number, Map.of("customFields", removeSeats));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("customFields").has(seats)).isFalse();
        assertThat(admin().get("/api/v1/tickets/" + number + "/activity").body()).contains("customFields." + seats);

        assertThat(admin().delete("/api/v1/admin/custom-fields/" + seats).status()).isEqualTo(204);
        assertThat(admin().delete("/api/v1/admin/custom-fields/" + seats).status()).isEqualTo(404);
    }

    @Test
    void onlyAdministratorsDefineFields() {
        Api alice = Api.as(port, "alice");
        assertThat(alice.post("/api/v1/admin/categories", Map.of("code", "sneaky", "name", "Sneaky")).status()).isEqualTo(403);
        assertThat(alice.post("/api/v1/admin/custom-fields", Map.of("key", "sneaky", "label", "S", "type", "TEXT")).status()).isEqualTo(403);
        assertThat(alice.delete("/api/v1/admin/categories/billing").status()).isEqualTo(403);
        assertThat(Api.anonymous(port).get("/api/v1/ticket-fields").status()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"code\": \"<script>\", \"name\": \"x\"}", "{\"code\": \"ok_code\", \"name\": \"<b>x</b>\"}",
            "{\"code\": \"../etc\", \"name\": \"x\"}", "{\"code\": \"x'; DROP TABLE ticket;--\", \"name\": \"x\"}",
            "{\"code\": 5, \"name\": \"x\"}", "{\"name\": \"x\"}", "{\"code\": \"ok_code\"}", "{\"code\": \"ok_code\", \"name\": \"x\", \"extra\": 1}"})
    void hostileCategoriesAreRefused(String body) {
        Api.Response response = admin().send("POST", "/api/v1/admin/categories", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("<script>", "DROP TABLE");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"key\": \"a\", \"label\": \"A\", \"type\": \"SELECT\"}", "{\"key\": \"a\", \"label\": \"A\", \"type\": \"TEXT\", \"options\": [\"x\"]}",
            "{\"key\": \"a\", \"label\": \"A\", \"type\": \"COLOR\"}", "{\"key\": \"<img>\", \"label\": \"A\", \"type\": \"TEXT\"}",
            "{\"key\": \"a\", \"label\": \"A\", \"type\": \"SELECT\", \"options\": [\"<script>\"]}", "{\"key\": \"a\", \"label\": \"A\", \"type\": \"TEXT\", \"required\": \"yes\"}"})
    void hostileCustomFieldsAreRefused(String body) {
        Api.Response response = admin().send("POST", "/api/v1/admin/custom-fields", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("<script>", "<img>");
    }

    static Map<String, Object> ticket(String category, Map<String, Object> customFields) {
        return Map.of("subject", "Fields test", "description", "x", "category", category, "customFields", customFields,
                "requester", Map.of("name", "Robin", "email", "robin@example.com"));
    }

    static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }
}
