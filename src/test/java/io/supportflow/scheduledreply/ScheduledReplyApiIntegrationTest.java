package io.supportflow.scheduledreply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The scheduled-replies API over real HTTP: visible, editable and cancellable until sent; bad input refused. */
@IntegrationTest
class ScheduledReplyApiIntegrationTest {

    @LocalServerPort int port;
    @Autowired RuntimeService runtime;

    Api alice() { return Api.as(port, "alice"); }   // billing
    Api bob() { return Api.as(port, "bob"); }       // technical

    static String newTicket(Api api) {
        Api.Response r = api.post("/api/v1/tickets", Map.of("subject", "Scheduled reply ticket",
                "description", "Hello, I was charged twice.", "requester", Map.of("name", "Chris Customer", "email", "chris@example.com"),
                "category", "billing"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("number").asText();
    }

    @Test
    void scheduledRepliesAreListedEditedAndCancelledOnTheirTicket() {
        String number = newTicket(alice());
        String base = "/api/v1/tickets/" + number + "/scheduled-replies";
        Instant sendAt = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Api.Response created = alice().post(base, Map.of("body", "<script>alert(1)</script> See you", "sendAt", sendAt.toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).isEqualTo(base + "/" + id);
        assertThat(created.json().get("state").asText()).isEqualTo("SCHEDULED");
        assertThat(created.json().get("author").asText()).isEqualTo("Alice Archer");
        assertThat(Instant.parse(created.json().get("sendAt").asText())).isEqualTo(sendAt);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ScheduledReplyProcess.KEY)
                .processInstanceBusinessKey(number).count()).isEqualTo(1);

        JsonNode list = alice().get(base).json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("body").asText()).isEqualTo("<script>alert(1)</script> See you");
        // nothing went to the customer yet
        assertThat(alice().get("/api/v1/tickets/" + number + "/messages").json()).hasSize(1);

        Instant later = sendAt.plus(Duration.ofHours(5));
        Api.Response edited = alice().send("PUT", base + "/" + id, Map.of("body", "Updated", "sendAt", later.toString()));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("body").asText()).isEqualTo("Updated");
        assertThat(Instant.parse(edited.json().get("sendAt").asText())).isEqualTo(later);

        assertThat(alice().delete(base + "/" + id).status()).isEqualTo(204);
        assertThat(alice().get(base).json().get(0).get("state").asText()).isEqualTo("CANCELLED");
        assertProblem(alice().delete(base + "/" + id), 409);
        assertProblem(alice().send("PUT", base + "/" + id, Map.of("body", "x", "sendAt", later.toString())), 409);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ScheduledReplyProcess.KEY)
                .processInstanceBusinessKey(number).count()).isZero();
    }

    @Test
    void badInputIsRefusedWithProblems() {
        String number = newTicket(alice());
        String base = "/api/v1/tickets/" + number + "/scheduled-replies";
        String tomorrow = Instant.now().plus(Duration.ofDays(1)).toString();
        assertProblem(alice().post(base, Map.of("body", "x", "sendAt", Instant.now().minusSeconds(60).toString())), 400);
        assertProblem(alice().post(base, Map.of("body", "x", "sendAt", Instant.now().plusSeconds(10).toString())), 400);
        assertProblem(alice().post(base, Map.of("body", "x", "sendAt", Instant.now().plus(Duration.ofDays(366)).toString())), 400);
        assertProblem(alice().post(base, Map.of("body", "x".repeat(100_001), "sendAt", tomorrow)), 400);
        assertProblem(alice().post(base, Map.of("body", "   ", "sendAt", tomorrow)), 400);
        assertProblem(alice().post(base, Map.of("sendAt", tomorrow)), 400);
        assertProblem(alice().post(base, Map.of("body", "x")), 400);
        assertProblem(alice().post(base, Map.of("body", "x", "sendAt", "tomorrow")), 400);
        assertProblem(alice().post(base, "{\"body\": {\"a\": 1}, \"sendAt\": \"" + tomorrow + "\"}"), 400);
        assertProblem(alice().post(base, "not json"), 400);
        assertProblem(alice().post("/api/v1/tickets/SUP-1'OR'1=1/scheduled-replies", Map.of("body", "x", "sendAt", tomorrow)), 400);
        assertProblem(alice().send("PUT", base + "/abc", Map.of("body", "x", "sendAt", tomorrow)), 400);
        assertProblem(alice().send("PUT", base + "/999999999", Map.of("body", "x", "sendAt", tomorrow)), 404);
        assertProblem(alice().delete(base + "/999999999"), 404);
        assertThat(alice().get(base).json()).isEmpty();

        // another team's ticket does not exist for bob, nor do its scheduled replies
        Api.Response created = alice().post(base, Map.of("body", "Mine", "sendAt", tomorrow));
        long id = created.json().get("id").asLong();
        assertProblem(bob().post(base, Map.of("body", "x", "sendAt", tomorrow)), 404);
        assertProblem(bob().get(base), 404);
        assertProblem(bob().send("PUT", base + "/" + id, Map.of("body", "x", "sendAt", tomorrow)), 404);
        assertProblem(bob().delete(base + "/" + id), 404);
        // a reply of another ticket is not found under this one
        String other = newTicket(alice());
        assertProblem(alice().delete("/api/v1/tickets/" + other + "/scheduled-replies/" + id), 404);
        assertThat(alice().get(base).json().get(0).get("state").asText()).isEqualTo("SCHEDULED");
        assertThat(Api.anonymous(port).get(base).status()).isEqualTo(401);

        // an ended ticket takes no new scheduled replies
        assertThat(alice().patch("/api/v1/tickets/" + number, Map.of("status", "CANCELLED")).status()).isEqualTo(200);
        assertProblem(alice().post(base, Map.of("body", "x", "sendAt", tomorrow)), 409);
    }

    private static void assertProblem(Api.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }
}
