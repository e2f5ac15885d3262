package io.supportflow.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The inbox count badges: per status, with the same visibility rule as the ticket list. */
@IntegrationTest
class TicketCountsIntegrationTest {

    @LocalServerPort int port;

    Api admin() { return Api.as(port, "demo"); }
    Api alice() { return Api.as(port, "alice"); }   // billing
    Api bob() { return Api.as(port, "bob"); }       // technical

    @Test
    void countsFollowTheVisibilityRuleAndTheTeamFilter() {
        JsonNode aliceBefore = counts(alice(), "");
        JsonNode bobBefore = counts(bob(), "");
        JsonNode adminBefore = counts(admin(), "");
        JsonNode billingBefore = counts(admin(), "?team=billing");
        JsonNode bobGeneralBefore = counts(bob(), "?team=general");

        String billing = TicketApiIntegrationTest.create(admin(), "billing");
        TicketApiIntegrationTest.create(admin(), "billing");
        String technical = TicketApiIntegrationTest.create(admin(), "technical");

        assertThat(delta(counts(alice(), ""), aliceBefore, "NEW")).isEqualTo(2);
        assertThat(delta(counts(bob(), ""), bobBefore, "NEW")).isEqualTo(1);
        assertThat(delta(counts(admin(), ""), adminBefore, "NEW")).isEqualTo(3);
        JsonNode billingCounts = counts(admin(), "?team=billing");
        assertThat(billingCounts.get("team").asText()).isEqualTo("billing");
        assertThat(delta(billingCounts, billingBefore, "NEW")).isEqualTo(2);
        assertThat(billingCounts.get("total").asLong()).isEqualTo(sum(billingCounts.get("byStatus")));
        assertThat(billingCounts.get("byStatus").has("CLOSED")).as("final statuses are not counted").isFalse();
        assertThat(counts(bob(), "?team=billing").get("total").asLong()).as("bob is not in billing").isZero();

        // a ticket assigned to an agent counts for them even after it left their teams
        assertThat(admin().patch("/api/v1/tickets/" + technical, Map.of("assignee", "bob")).status()).isEqualTo(200);
        assertThat(admin().patch("/api/v1/tickets/" + technical, Map.of("team", "general")).status()).isEqualTo(200);
        assertThat(delta(counts(bob(), ""), bobBefore, "NEW")).as("still assigned to bob").isEqualTo(1);
        assertThat(delta(counts(bob(), "?team=general"), bobGeneralBefore, "NEW")).as("the team filter applies too").isEqualTo(1);

        // the status moves between the badges
        assertThat(alice().post("/api/v1/tickets/" + billing + "/messages",
                Map.of("body", "Which card?", "status", "WAITING_ON_CUSTOMER")).status()).isEqualTo(201);
        JsonNode aliceAfter = counts(alice(), "");
        assertThat(delta(aliceAfter, aliceBefore, "NEW")).isEqualTo(1);
        assertThat(delta(aliceAfter, aliceBefore, "WAITING_ON_CUSTOMER")).isEqualTo(1);

        assertThat(alice().get("/api/v1/tickets/counts?team=bad%20team").status()).isEqualTo(400);
        assertThat(Api.anonymous(port).get("/api/v1/tickets/counts").status()).isEqualTo(401);
    }

    private static JsonNode counts(Api api, String query) {
        Api.Response r = api.get("/api/v1/tickets/counts" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static long delta(JsonNode after, JsonNode before, String status) {
        return after.at("/byStatus/" + status).asLong() - before.at("/byStatus/" + status).asLong();
    }

    private static long sum(JsonNode byStatus) {
        long total = 0;
        for (JsonNode n : byStatus) {
            total += n.asLong();
        }
        return total;
    }
}
