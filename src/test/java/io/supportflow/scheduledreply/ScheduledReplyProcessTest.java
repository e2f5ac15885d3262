package io.supportflow.scheduledreply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every path of processes/scheduled-reply.bpmn on the real engine with the engine clock moved: sent at its
 * time (not before), moved by an edit, ended by a cancel, and a ticket that ended meanwhile gets nothing.
 */
@IntegrationTest
class ScheduledReplyProcessTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;

    Instant start;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
        start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(start));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    Api alice() { return Api.as(port, "alice"); }

    @Test
    void sentAtItsTimeAsTheSchedulingAgentsReply() {
        String number = ScheduledReplyApiIntegrationTest.newTicket(alice());
        JsonNode reply = schedule(number, "We refunded you. <script>alert(1)</script>", start.plus(Duration.ofHours(2)));
        ProcessInstance instance = instanceOf(reply);
        assertThat(instance).isWaitingAt(ScheduledReplyProcess.TIMER);

        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(2)).minusSeconds(1)));
        assertThat(dueTimer(instance)).isNull();
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(2))));
        management.executeJob(dueTimer(instance).getId());

        assertThat(instance).hasPassed(ScheduledReplyProcess.SEND_TASK).isEnded();
        assertThat(instance).hasPassed(ScheduledReplyProcess.END_SENT);
        JsonNode last = last(alice().get("/api/v1/tickets/" + number + "/messages").json());
        assertThat(last.get("bodyText").asText()).isEqualTo("We refunded you. <script>alert(1)</script>");
        assertThat(last.get("bodyHtml").asText()).doesNotContain("<script>");
        assertThat(last.get("author").asText()).isEqualTo("Alice Archer");
        assertThat(last.get("internal").asBoolean()).isFalse();
        JsonNode stored = onlyReply(number);
        assertThat(stored.get("state").asText()).isEqualTo("SENT");
        assertThat(stored.get("messageId").asLong()).isEqualTo(last.get("id").asLong());
        // the reply was an agent's reply: the first response is recorded, the agent's turn is over
        JsonNode ticket = alice().get("/api/v1/tickets/" + number).json();
        assertThat(ticket.at("/sla/firstRespondedAt").asText()).isNotEmpty();
    }

    @Test
    void anEditMovesTheTimer() {
        String number = ScheduledReplyApiIntegrationTest.newTicket(alice());
        JsonNode reply = schedule(number, "First draft", start.plus(Duration.ofHours(1)));
        ProcessInstance instance = instanceOf(reply);
        Api.Response edited = alice().send("PUT", "/api/v1/tickets/" + number + "/scheduled-replies/" + reply.get("id").asLong(),
                Map.of("body", "Final text", "sendAt", start.plus(Duration.ofHours(3)).toString()));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);

        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(1))));
        assertThat(dueTimer(instance)).isNull();
        assertThat(instance).isWaitingAt(ScheduledReplyProcess.TIMER);
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(3))));
        management.executeJob(dueTimer(instance).getId());

        assertThat(instance).isEnded();
        assertThat(last(alice().get("/api/v1/tickets/" + number + "/messages").json()).get("bodyText").asText()).isEqualTo("Final text");
    }

    @Test
    void aCancelEndsTheInstanceAndNothingIsSent() {
        String number = ScheduledReplyApiIntegrationTest.newTicket(alice());
        JsonNode reply = schedule(number, "Never sent", start.plus(Duration.ofHours(1)));
        ProcessInstance instance = instanceOf(reply);
        assertThat(alice().delete("/api/v1/tickets/" + number + "/scheduled-replies/" + reply.get("id").asLong()).status()).isEqualTo(204);

        assertThat(instance).isEnded();
        assertThat(instance).hasNotPassed(ScheduledReplyProcess.SEND_TASK);
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(2))));
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(alice().get("/api/v1/tickets/" + number + "/messages").json()).hasSize(1);
        assertThat(onlyReply(number).get("state").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void aTicketThatEndedMeanwhileGetsNothingAndTheReplyFails() {
        String number = ScheduledReplyApiIntegrationTest.newTicket(alice());
        JsonNode reply = schedule(number, "Too late", start.plus(Duration.ofHours(1)));
        ProcessInstance instance = instanceOf(reply);
        assertThat(alice().patch("/api/v1/tickets/" + number, Map.of("status", "CANCELLED")).status()).isEqualTo(200);

        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(1))));
        management.executeJob(dueTimer(instance).getId());

        assertThat(instance).hasPassed(ScheduledReplyProcess.SEND_TASK).isEnded();
        assertThat(alice().get("/api/v1/tickets/" + number + "/messages").json()).hasSize(1);
        JsonNode stored = onlyReply(number);
        assertThat(stored.get("state").asText()).isEqualTo("FAILED");
        assertThat(stored.get("failure").asText()).contains("CANCELLED");
    }

    private JsonNode schedule(String number, String body, Instant sendAt) {
        Api.Response r = alice().post("/api/v1/tickets/" + number + "/scheduled-replies", Map.of("body", body, "sendAt", sendAt.toString()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private ProcessInstance instanceOf(JsonNode reply) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(ScheduledReplyProcess.KEY)
                .variableValueEquals(ScheduledReplyProcess.REPLY_ID, reply.get("id").asLong()).singleResult();
    }

    private Job dueTimer(ProcessInstance instance) {
        return management.createJobQuery().processInstanceId(instance.getId()).timers().executable().singleResult();
    }

    private JsonNode onlyReply(String number) {
        JsonNode list = alice().get("/api/v1/tickets/" + number + "/scheduled-replies").json();
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }
}
