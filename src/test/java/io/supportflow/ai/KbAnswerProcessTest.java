package io.supportflow.ai;

import static io.supportflow.ai.AiTestSupport.actions;
import static io.supportflow.ai.AiTestSupport.createTicket;
import static io.supportflow.ai.AiTestSupport.executeJob;
import static io.supportflow.ai.AiTestSupport.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every path of processes/answer-from-knowledge-base.bpmn on the real engine beside the real ticket lifecycle: off by
 * default; confident (answer sent, the customer says yes: resolved; says no: a person takes over); not confident
 * (draft left for the agent); and a failing provider (incident, while the ticket waits for its team as usual).
 */
@IntegrationTest
class KbAnswerProcessTest {

    static final String TEAM = "general";

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired TaskService tasks;
    @Autowired AiGateway gateway;

    String word;
    WireMockServer server;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
        word = "qx" + UUID.randomUUID().toString().substring(0, 6);
    }

    @AfterEach
    void switchOff() {
        assertThat(admin().send("PUT", "/api/v1/admin/ai/teams/" + TEAM, Map.of("autonomousAgent", false)).status()).isEqualTo(200);
        if (server != null) {
            server.stop();
        }
    }

    Api admin() { return Api.as(port, "demo"); }

    void switchOn() {
        Api.Response r = admin().send("PUT", "/api/v1/admin/ai/teams/" + TEAM, Map.of("autonomousAgent", true, "confidenceThreshold", 0.7));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("autonomousAgent").asBoolean()).isTrue();
    }

    String article() {
        return AiTestSupport.publishArticle(Api.as(port, "dave"), "Exporting the " + word + " report",
                "Open the " + word + " report page. Click Export and choose CSV. The export " + word + " file arrives by email within minutes.",
                "PUBLIC");
    }

    String askedTicket() {
        return createTicket(admin(), "How to export the " + word + " report?",
                "How do I export the " + word + " report as CSV? The export page confuses me.", "general");
    }

    ProcessInstance agent(String number) {
        return instance(runtime, KbAnswerProcess.KEY, KbAnswerProcess.businessKey(number));
    }

    String status(String number) {
        return admin().get("/api/v1/tickets/" + number).json().get("status").asText();
    }

    @Test
    void offByDefaultSoTicketsGoToPeopleOnly() {
        assertThat(admin().get("/api/v1/admin/ai/teams/" + TEAM).json().get("autonomousAgent").asBoolean()).isFalse();
        String number = askedTicket();
        assertThat(agent(number)).isNull();
    }

    @Test
    void confidentAnswerIsSentAndACustomerWhoSaysYesHasTheTicketResolved() {
        String slug = article();
        switchOn();
        String number = askedTicket();
        ProcessInstance pi = agent(number);
        assertThat(pi).isWaitingAt(KbAnswerProcess.DRAFT_TASK);

        executeJob(management, pi);
        assertThat(pi).hasPassed(KbAnswerProcess.CONFIDENT_GATEWAY).isWaitingAt(KbAnswerProcess.SEND_TASK);
        assertThat(BpmnAwareTests.runtimeService().getVariable(pi.getId(), KbAnswerProcess.CONFIDENCE)).isInstanceOf(Double.class);
        executeJob(management, pi);

        assertThat(pi).isWaitingAt(KbAnswerProcess.FEEDBACK_GATEWAY);
        assertThat(status(number)).isEqualTo("WAITING_ON_CUSTOMER");
        JsonNode messages = admin().get("/api/v1/tickets/" + number + "/messages").json();
        JsonNode answer = messages.get(messages.size() - 1);
        assertThat(answer.get("author").asText()).isEqualTo("AI assistant");
        assertThat(answer.get("internal").asBoolean()).isFalse();
        assertThat(answer.get("bodyText").asText()).contains("Click Export and choose CSV", slug, "Did this solve your problem?");
        assertThat(actions(admin(), number)).contains("ai_answer_drafted", "ai_answer_sent");

        assertThat(admin().post("/api/v1/tickets/" + number + "/messages",
                Map.of("body", "Yes, that solved it, thanks!", "authorType", "CUSTOMER")).status()).isEqualTo(201);
        assertThat(pi).isWaitingAt(KbAnswerProcess.RESOLVE_TASK);
        executeJob(management, pi);

        assertThat(pi).hasPassedInOrder(KbAnswerProcess.DRAFT_TASK, KbAnswerProcess.SEND_TASK, KbAnswerProcess.CUSTOMER_ANSWERED,
                KbAnswerProcess.RESOLVE_TASK, KbAnswerProcess.END_ANSWERED).isEnded();
        assertThat(status(number)).isEqualTo("RESOLVED");
        assertThat(actions(admin(), number)).contains("ai_answer_solved");
    }

    record Asked(String number, ProcessInstance agent) {
    }

    /** A question the knowledge base answers, with the agent's answer drafted and sent: it waits for the customer. */
    Asked answerSentAndWaitingOnCustomer() {
        article();
        switchOn();
        String number = askedTicket();
        ProcessInstance pi = agent(number);
        executeJob(management, pi);
        executeJob(management, pi);
        return new Asked(number, pi);
    }

    @Test
    void aCustomerWhoSaysNoAlwaysReachesAPerson() {
        Asked asked = answerSentAndWaitingOnCustomer();
        String number = asked.number();
        ProcessInstance pi = asked.agent();
        assertThat(status(number)).isEqualTo("WAITING_ON_CUSTOMER");

        assertThat(admin().post("/api/v1/tickets/" + number + "/messages",
                Map.of("body", "No, the export is still empty.", "authorType", "CUSTOMER")).status()).isEqualTo(201);

        assertThat(pi).hasPassed(KbAnswerProcess.HAND_OVER_TASK, KbAnswerProcess.END_HANDED_TO_AGENT).isEnded();
        assertThat(status(number)).isEqualTo("OPEN");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(number).taskCandidateGroup(TEAM).count())
                .as("back in the team's queue").isEqualTo(1);
        assertThat(actions(admin(), number)).contains("ai_answer_not_solved");
    }

    @Test
    void withoutFeedbackForSevenDaysTheAgentStepsAside() {
        Asked asked = answerSentAndWaitingOnCustomer();
        String number = asked.number();
        ProcessInstance pi = asked.agent();
        Job timer = management.createJobQuery().processInstanceId(pi.getId()).activityId(KbAnswerProcess.NO_FEEDBACK_TIMER).singleResult();
        assertThat(timer.getDuedate().toInstant()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(6)));

        management.executeJob(timer.getId());

        assertThat(pi).hasPassed(KbAnswerProcess.END_NO_FEEDBACK).isEnded();
        assertThat(status(number)).as("the lifecycle's own reminder and auto-close take it from here").isEqualTo("WAITING_ON_CUSTOMER");
    }

    @Test
    void anUnsureDraftIsLeftForTheAgentAndNothingIsSent() {
        switchOn();
        String number = createTicket(admin(), "Parcel " + word, "My parcel " + word + " arrived damaged, what now?", "general");
        ProcessInstance pi = agent(number);
        int before = admin().get("/api/v1/tickets/" + number + "/messages").json().size();

        executeJob(management, pi);

        assertThat(pi).hasPassed(KbAnswerProcess.LEAVE_DRAFT_TASK, KbAnswerProcess.END_DRAFT_HANDED_OVER).isEnded();
        assertThat(pi).hasNotPassed(KbAnswerProcess.SEND_TASK);
        assertThat(admin().get("/api/v1/tickets/" + number + "/messages").json()).hasSize(before);
        assertThat(status(number)).isEqualTo("NEW");
        JsonNode drafts = admin().get("/api/v1/tickets/" + number + "/ai/insights").json().get("drafts");
        assertThat(drafts).hasSize(1);
        assertThat(drafts.get(0).get("state").asText()).isEqualTo("HANDED_OVER");
        assertThat(actions(admin(), number)).contains("ai_answer_handed_over");
    }

    @Test
    void anAgentWhoAnswersFirstIsNotOverwritten() {
        article();
        switchOn();
        String number = askedTicket();
        ProcessInstance pi = agent(number);
        executeJob(management, pi);
        assertThat(Api.as(port, "dave").post("/api/v1/tickets/" + number + "/messages", Map.of("body", "Let me check.")).status())
                .isEqualTo(201);

        executeJob(management, pi);

        assertThat(pi).hasPassed(KbAnswerProcess.END_AGENT_ANSWERED_FIRST).isEnded();
        assertThat(actions(admin(), number)).contains("ai_answer_withheld").doesNotContain("ai_answer_sent");
    }

    @Test
    void aFailingProviderEndsAsAnIncidentWhileTheHumanPathContinues() {
        server = AiTestSupport.wireMock();
        AiTestSupport.fail(server, 503);
        switchOn();
        String number = askedTicket();
        ProcessInstance pi = agent(number);

        AiTestSupport.withProvider(gateway, AiTestSupport.remote(server), () -> {
            for (int attempt = 0; attempt < 3; attempt++) {
                Job job = management.createJobQuery().processInstanceId(pi.getId()).singleResult();
                assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("HTTP 503");
            }
        });

        assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
        assertThat(pi).isWaitingAt(KbAnswerProcess.DRAFT_TASK);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(number).taskCandidateGroup(TEAM).count())
                .as("the ticket waits for its team as usual").isEqualTo(1);
        assertThat(Api.as(port, "dave").post("/api/v1/tickets/" + number + "/messages",
                Map.of("body", "Here is how to export.", "status", "RESOLVED")).status()).isEqualTo(201);
        assertThat(status(number)).isEqualTo("RESOLVED");
    }
}
