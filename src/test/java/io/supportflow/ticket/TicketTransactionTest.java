package io.supportflow.ticket;

import static io.supportflow.support.TicketRepresentation.withoutLiveFigures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ticket row and its process instance change in one transaction: when the engine refuses a
 * step (here: an administrator suspended the instance in Cockpit), the row change is rolled back.
 */
@IntegrationTest
class TicketTransactionTest {

    @LocalServerPort int port;
    @Autowired RuntimeService runtime;
    @Autowired JdbcClient jdbc;

    @Test
    void rowChangesRollBackWhenTheProcessRefusesTheStep() {
        Api admin = Api.as(port, "demo");
        String number = admin.post("/api/v1/tickets", Map.of("subject", "Suspended workflow", "description", "x",
                "requester", Map.of("name", "Kim", "email", "kim@example.com"), "category", "general")).json().get("number").asText();
        JsonNode before = withoutLiveFigures(admin.get("/api/v1/tickets/" + number).json());
        long activityBefore = activityCount(number);
        String processInstanceId = jdbc.sql("SELECT process_instance_id FROM ticket WHERE number = ?").param(number).query(String.class).single();
        runtime.suspendProcessInstanceById(processInstanceId);
        try {
            Api.Response snooze = admin.post("/api/v1/tickets/" + number + "/snooze",
                    Map.of("until", Instant.now().plus(2, ChronoUnit.HOURS).toString()));
            assertThat(snooze.status()).isEqualTo(409);
            assertThat(snooze.header("Content-Type")).startsWith("application/problem+json");
            Api.Response reply = admin.post("/api/v1/tickets/" + number + "/messages",
                    Map.of("body", "Hello", "status", "WAITING_ON_CUSTOMER"));
            assertThat(reply.status()).isEqualTo(409);
            Api.Response cancel = admin.patch("/api/v1/tickets/" + number, Map.of("status", "CANCELLED"));
            assertThat(cancel.status()).isEqualTo(409);

            assertThat(withoutLiveFigures(admin.get("/api/v1/tickets/" + number).json())).isEqualTo(before);
            assertThat(activityCount(number)).isEqualTo(activityBefore);
            assertThat(admin.get("/api/v1/tickets/" + number + "/messages").json().size()).isEqualTo(1);
        } finally {
            runtime.activateProcessInstanceById(processInstanceId);
        }
        assertThat(admin.post("/api/v1/tickets/" + number + "/messages", Map.of("body", "Hello", "status", "WAITING_ON_CUSTOMER")).status())
                .isEqualTo(201);
    }

    long activityCount(String number) {
        return jdbc.sql("SELECT count(*) FROM ticket_activity a JOIN ticket t ON t.id = a.ticket_id WHERE t.number = ?")
                .param(number).query(Long.class).single();
    }
}
