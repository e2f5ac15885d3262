package io.supportflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class AutomationApiIntegrationTest {

    static final String BASE = "/api/v1/admin/automations";

    @LocalServerPort int port;

    Api admin() { return Api.as(port, "demo"); }

    static Map<String, Object> rule(String name, String tag, List<Map<String, Object>> conditions) {
        return Map.of("name", name, "trigger", "TICKET_CREATED", "match", "ALL", "conditions", conditions,
                "actions", List.of(Map.of("type", "ADD_TAGS", "params", Map.of("tags", List.of(tag)))));
    }

    static Map<String, Object> dryRun(String subject) {
        Map<String, Object> ticket = Map.of("number", "SUP-1", "status", "NEW", "priority", "HIGH", "subject", subject,
                "description", "Please help", "tags", List.of(), "customFields", Map.of());
        return Map.of("ticket", ticket, "trigger", "TICKET_CREATED");
    }

    List<String> dryRunRuleIds(String subject) {
        Api.Response response = admin().post(BASE + "/dry-run", dryRun(subject));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("actions").forEach(a -> ids.add(a.get("ruleId").asText()));
        return ids;
    }

    @Test
    void crudEnableReorderAndDryRun() {
        String marker = "m" + suffix();
        Api.Response first = admin().post(BASE, rule("Tag " + marker + " A", "a", List.of(
                Map.of("field", "subject", "operator", "CONTAINS", "values", List.of(marker)))));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        long a = first.json().get("id").asLong();
        assertThat(first.header("Location")).endsWith(BASE + "/" + a);
        assertThat(first.json().get("enabled").asBoolean()).isTrue();
        Api.Response second = admin().post(BASE, rule("Tag " + marker + " B", "b", List.of(
                Map.of("field", "subject", "operator", "MATCHES", "values", List.of("(?i)" + marker + "\\b")))));
        assertThat(second.status()).isEqualTo(201);
        long b = second.json().get("id").asLong();
        assertThat(second.json().get("position").asInt()).isGreaterThan(first.json().get("position").asInt());
        assertThat(admin().post(BASE, rule("Tag " + marker + " a", "x", List.of())).status()).as("duplicate name").isEqualTo(409);

        assertThat(admin().get(BASE + "/" + a).json().get("name").asText()).isEqualTo("Tag " + marker + " A");
        assertThat(admin().get(BASE).json().findValuesAsText("name")).contains("Tag " + marker + " A", "Tag " + marker + " B");
        assertThat(admin().get(BASE + "/drl").body()).contains("rule \"automation-" + a + "\"").contains("eval( conditions.test(" + a + "L, 0, $ticket, $event) )");

        assertThat(dryRunRuleIds("About " + marker)).containsExactly(String.valueOf(a), String.valueOf(b));
        assertThat(dryRunRuleIds("Unrelated")).isEmpty();

        // reorder: b before a (all ids, each once)
        List<Long> order = new ArrayList<>();
        admin().get(BASE).json().forEach(r -> order.add(r.get("id").asLong()));
        order.remove(b);
        order.add(order.indexOf(a), b);
        Api.Response reordered = admin().send("PUT", BASE + "/order", order);
        assertThat(reordered.status()).as(reordered.body()).isEqualTo(200);
        assertThat(dryRunRuleIds("About " + marker)).containsExactly(String.valueOf(b), String.valueOf(a));
        assertThat(admin().send("PUT", BASE + "/order", List.of(a)).status()).as("not every rule").isEqualTo(400);
        List<Long> duplicated = new ArrayList<>(order);
        duplicated.set(0, duplicated.get(1));
        assertThat(admin().send("PUT", BASE + "/order", duplicated).status()).isEqualTo(400);

        // disable and enable
        assertThat(admin().patch(BASE + "/" + b, Map.of("enabled", false)).json().get("enabled").asBoolean()).isFalse();
        assertThat(dryRunRuleIds("About " + marker)).containsExactly(String.valueOf(a));
        assertThat(admin().patch(BASE + "/" + b, Map.of("enabled", true)).status()).isEqualTo(200);
        assertThat(admin().patch(BASE + "/" + b, Map.of("enabled", "yes")).status()).isEqualTo(400);

        // replace: a now adds a STOP_PROCESSING after its tag, b is evaluated first still
        Map<String, Object> replaced = Map.of("name", "Tag " + marker + " A2", "trigger", "TICKET_CREATED", "match", "ANY",
                "conditions", List.of(Map.of("field", "subject", "operator", "CONTAINS", "values", List.of(marker))),
                "actions", List.of(Map.of("type", "SEND_REPLY", "params", Map.of("template", "Ticket {{ticket.number}} received")),
                        Map.of("type", "STOP_PROCESSING", "params", Map.of())));
        Api.Response put = admin().send("PUT", BASE + "/" + a, replaced);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode plan = admin().post(BASE + "/dry-run", dryRun("About " + marker)).json();
        assertThat(plan.at("/actions/1/params/text").asText()).isEqualTo("Ticket SUP-1 received");
        assertThat(plan.at("/matchedRules/1/ruleName").asText()).isEqualTo("Tag " + marker + " A2");

        assertThat(admin().delete(BASE + "/" + a).status()).isEqualTo(204);
        assertThat(admin().delete(BASE + "/" + a).status()).isEqualTo(404);
        assertThat(admin().get(BASE + "/" + a).status()).isEqualTo(404);
        assertThat(dryRunRuleIds("About " + marker)).containsExactly(String.valueOf(b));
        assertThat(admin().delete(BASE + "/" + b).status()).isEqualTo(204);
        assertThat(dryRunRuleIds("About " + marker)).isEmpty();
    }

    @Test
    void theSampleDrlFileIsInForce() {
        Api.Response response = admin().post(BASE + "/dry-run", dryRun("I want a REFUND"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().findValuesAsText("ruleId")).contains("drl:tag refund requests");
    }

    @Test
    void onlyAdministrators() {
        assertThat(Api.anonymous(port).get(BASE).status()).isEqualTo(401);
        assertThat(Api.anonymous(port).post(BASE + "/dry-run", dryRun("x")).status()).isEqualTo(401);
        Api alice = Api.as(port, "alice");
        assertThat(alice.get(BASE).status()).isEqualTo(403);
        assertThat(alice.post(BASE, rule("Sneaky " + suffix(), "x", List.of())).status()).isEqualTo(403);
        assertThat(alice.post(BASE + "/dry-run", dryRun("x")).status()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\": \"<script>alert(1)</script>\", \"trigger\": \"TICKET_CREATED\", \"actions\": [{\"type\": \"STOP_PROCESSING\"}]}",
            "{\"name\": \"\", \"trigger\": \"TICKET_CREATED\", \"actions\": [{\"type\": \"STOP_PROCESSING\"}]}",
            "{\"name\": \"x\\u0007y\", \"trigger\": \"TICKET_CREATED\", \"actions\": [{\"type\": \"STOP_PROCESSING\"}]}",
            "{\"name\": \"ok\", \"trigger\": \"NOPE\", \"actions\": [{\"type\": \"STOP_PROCESSING\"}]}",
            "{\"name\": \"ok\", \"trigger\": 0, \"actions\": [{\"type\": \"STOP_PROCESSING\"}]}",
            "{\"name\": \"ok\", \"trigger\": \"TICKET_CREATED\", \"actions\": []}",
            "{\"name\": \"ok\", \"trigger\": \"TICKET_CREATED\", \"actions\": [{\"type\": \"STOP_PROCESSING\"}], \"extra\": 1}",
            "{\"name\": \"ok\", \"trigger\": \"TICKET_CREATED\", \"actions\": [{\"type\": \"STOP_PROCESSING\"}], \"conditions\": [{\"field\": \"subject\", \"operator\": \"MATCHES\", \"values\": [\"(a+)+(\"]}]}",
            "{\"name\": \"ok\", \"trigger\": \"TICKET_CREATED\", \"actions\": [{\"type\": \"STOP_PROCESSING\"}], \"conditions\": [{\"field\": \"subject\\\"); System.exit(0); //\", \"operator\": \"EQUALS\", \"values\": [\"x\"]}]}",
            "{\"name\": \"ok\", \"trigger\": \"TICKET_CREATED\", \"actions\": [{\"type\": \"WEBHOOK\", \"params\": {\"url\": \"http://169.254.169.254/latest\"}}]}",
            "{\"name\": \"ok\", \"trigger\": \"TICKET_CREATED\", \"actions\": [{\"type\": \"SET_STATUS\", \"params\": {\"status\": \"OPEN\\\"; eval(\"}}]}",
            "{\"name\": \"ok\", \"trigger\": \"TICKET_CREATED\", \"actions\": [{\"type\": \"STOP_PROCESSING\"}], \"conditions\": [null]}",
            "{\"name\": \"ok\", \"trigger\": \"TICKET_CREATED\", \"actions\": [{\"type\": \"STOP_PROCESSING\"}], \"conditions\": [{\"field\": \"status\", \"operator\": \"EQUALS\", \"values\": [null]}]}",
            "[1, 2]", "not json"})
    void hostileRulesAreRefused(String body) {
        Api.Response response = admin().send("POST", BASE, body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("<script>", "System.exit", "169.254");
    }

    @Test
    void valuesThatLookLikeDrlAreStoredAndMatchedAsData() {
        String evil = "\"; System.exit(0); \" eval(true) \nend\nrule x when then";
        Api.Response created = admin().post(BASE, Map.of("name", "Evil " + suffix(), "trigger", "TICKET_CREATED",
                "conditions", List.of(Map.of("field", "subject", "operator", "EQUALS", "values", List.of(evil))),
                "actions", List.of(Map.of("type", "ADD_INTERNAL_NOTE", "params", Map.of("text", evil)))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(admin().get(BASE + "/drl").body()).doesNotContain("System.exit", "eval(true)");
        assertThat(dryRunRuleIds(evil)).containsExactly(String.valueOf(id));
        assertThat(dryRunRuleIds("normal")).doesNotContain(String.valueOf(id));
        assertThat(admin().delete(BASE + "/" + id).status()).isEqualTo(204);
    }

    @Test
    void hostileDryRunsAreRefused() {
        assertThat(admin().send("POST", BASE + "/dry-run", "{\"trigger\": \"TICKET_CREATED\"}").status()).isEqualTo(400);
        assertThat(admin().send("POST", BASE + "/dry-run", "{\"ticket\": {}, \"trigger\": \"NOPE\"}").status()).isEqualTo(400);
        assertThat(admin().send("POST", BASE + "/dry-run", "{\"ticket\": {\"sneaky\": 1}, \"trigger\": \"TICKET_CREATED\"}").status()).isEqualTo(400);
        assertThat(admin().get(BASE + "/0").status()).isEqualTo(400);
        assertThat(admin().get(BASE + "/abc").status()).isEqualTo(400);
    }

    static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }
}
