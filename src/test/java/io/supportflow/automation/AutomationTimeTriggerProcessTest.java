package io.supportflow.automation;

import static io.supportflow.automation.AutomationTimeTrigger.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.Channel;
import io.supportflow.ticket.MessageBody;
import io.supportflow.ticket.Priority;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketCommands.Changes;
import io.supportflow.ticket.TicketCommands.NewMessage;
import io.supportflow.ticket.TicketCommands.NewTicket;
import io.supportflow.ticket.TicketService;
import io.supportflow.ticket.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of processes/automation-time-trigger.bpmn on the real engine, with the engine clock moved:
 * the rule fires at its moment (not a minute later), a change of state deletes the timer, and a condition
 * that stopped holding ends the instance without firing.
 */
@IntegrationTest
class AutomationTimeTriggerProcessTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired ManagementService management;
    @Autowired TicketService tickets;
    @Autowired JdbcClient jdbc;

    final String marker = "tt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final List<Long> rules = new ArrayList<>();
    Instant start;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
        start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(start));
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        rules.forEach(id -> Api.as(port, "demo").delete("/api/v1/admin/automations/" + id));
    }

    void rule(String trigger, String after, List<Map<String, Object>> conditions, String tag) {
        List<Map<String, Object>> all = new ArrayList<>(conditions);
        all.add(Map.of("field", "subject", "operator", "CONTAINS", "values", List.of(marker)));
        Api.Response created = Api.as(port, "demo").post("/api/v1/admin/automations", Map.of("name", trigger + " " + marker,
                "trigger", trigger, "after", after, "conditions", all,
                "actions", List.of(Map.of("type", "ADD_TAGS", "params", Map.of("tags", List.of(tag))))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("after").asText()).isEqualTo(after);
        rules.add(created.json().get("id").asLong());
    }

    Ticket create() {
        return tickets.create(new NewTicket("Timer " + marker, "Waiting", null, "Sam Smith", "sam@example.org",
                Priority.MEDIUM, "general", List.of(), Map.of(), Channel.API), Actor.SYSTEM);
    }

    List<ProcessInstance> timers(Ticket ticket) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(AutomationTimeTrigger.PROCESS_KEY)
                .processInstanceBusinessKey(ticket.getNumber()).list();
    }

    ProcessInstance onlyTimer(Ticket ticket) {
        List<ProcessInstance> running = timers(ticket);
        assertThat(running).hasSize(1);
        return running.get(0);
    }

    void at(Duration sinceStart) {
        ClockUtil.setCurrentTime(Date.from(start.plus(sinceStart)));
    }

    boolean executable(ProcessInstance pi) {
        return management.createJobQuery().processInstanceId(pi.getId()).executable().count() > 0;
    }

    List<String> tags(Ticket ticket) {
        return tickets.findById(ticket.getId()).orElseThrow().getTags();
    }

    @Test
    void unassignedFor30MinutesFiresAtItsMoment() {
        rule("UNASSIGNED_FOR", "PT30M", List.of(), "unattended");
        Ticket ticket = create();
        ProcessInstance pi = onlyTimer(ticket);
        assertThat(pi).isWaitingAt(CONDITION_DUE).variables()
                .containsEntry(AutomationTimeTrigger.Variables.TRIGGER, "UNASSIGNED_FOR")
                .containsEntry(AutomationTimeTrigger.Variables.STATE, "unassigned");
        Job timer = job(pi);
        assertThat(timer.getDuedate().toInstant()).isEqualTo(start.plus(Duration.ofMinutes(30)));

        at(Duration.ofMinutes(30).minusSeconds(1));
        assertThat(executable(pi)).isFalse();
        at(Duration.ofMinutes(30));
        assertThat(executable(pi)).isTrue();
        execute(timer);

        assertThat(pi).hasPassedInOrder(CONDITION_DUE, CHECK_CONDITION, STILL_TRUE, FIRE_RULE, RULE_FIRED).isEnded();
        assertThat(tags(ticket)).containsExactly("unattended");
        assertThat(jdbc.sql("SELECT old_value || '/' || new_value FROM ticket_activity WHERE ticket_id = ? AND action = 'rule_fired'")
                .param(ticket.getId()).query(String.class).list()).containsExactly("UNASSIGNED_FOR/UNASSIGNED_FOR " + marker);
    }

    @Test
    void statusForThreeDaysRestartsOnEveryStatusChangeAndFiresAfterTheLast() {
        rule("STATUS_FOR", "P3D", List.of(Map.of("field", "status", "operator", "EQUALS", "values", List.of("WAITING_ON_CUSTOMER"))),
                "stale");
        Ticket ticket = create();
        assertThat(timers(ticket)).as("NEW does not match the rule").isEmpty();

        at(Duration.ofHours(1));
        tickets.addMessageById(ticket.getId(), new NewMessage("Which invoice?", MessageBody.Format.TEXT, false, TicketStatus.WAITING_ON_CUSTOMER,
                Actor.Type.AGENT), Actor.agent("dave", "Dave Diaz"));
        ProcessInstance first = onlyTimer(ticket);
        assertThat(job(first).getDuedate().toInstant()).isEqualTo(start.plus(Duration.ofHours(1)).plus(Duration.ofDays(3)));

        // the customer answers: no longer waiting, the timer is deleted
        at(Duration.ofHours(2));
        tickets.addMessageById(ticket.getId(), new NewMessage("Invoice 42", MessageBody.Format.TEXT, false, null, Actor.Type.CUSTOMER), Actor.SYSTEM);
        assertThat(first).isEnded();
        assertThat(timers(ticket)).isEmpty();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(first.getId()).singleResult().getDeleteReason())
                .isEqualTo("condition no longer true");

        // waiting again: a new timer from this moment
        at(Duration.ofHours(3));
        tickets.addMessageById(ticket.getId(), new NewMessage("Thanks, checking", MessageBody.Format.TEXT, false, TicketStatus.WAITING_ON_CUSTOMER,
                Actor.Type.AGENT), Actor.agent("dave", "Dave Diaz"));
        ProcessInstance second = onlyTimer(ticket);
        Instant due = start.plus(Duration.ofHours(3)).plus(Duration.ofDays(3));
        assertThat(job(second).getDuedate().toInstant()).isEqualTo(due);
        at(Duration.ofHours(3).plus(Duration.ofDays(3)).minusSeconds(1));
        assertThat(executable(second)).isFalse();
        at(Duration.ofHours(3).plus(Duration.ofDays(3)).plusSeconds(59));
        execute(job(second));
        assertThat(second).hasPassed(FIRE_RULE).isEnded();
        assertThat(tags(ticket)).containsExactly("stale");
    }

    @Test
    void conditionThatStoppedHoldingEndsWithoutFiring() {
        rule("UNASSIGNED_FOR", "PT30M", List.of(Map.of("field", "tags", "operator", "NOT_CONTAINS", "values", List.of("vip"))),
                "unattended");
        Ticket ticket = create();
        ProcessInstance pi = onlyTimer(ticket);
        // not a change of assignee: the timer stays, but the rule no longer matches when it is due
        tickets.updateById(ticket.getId(), new Changes(null, null, List.of("vip"), null, null, false, null, null), Actor.SYSTEM);
        assertThat(timers(ticket)).hasSize(1);
        at(Duration.ofMinutes(31));
        execute(job(pi));
        assertThat(pi).hasPassed(CHECK_CONDITION, NO_LONGER_TRUE).hasNotPassed(FIRE_RULE).isEnded();
        assertThat(tags(ticket)).containsExactly("vip");
    }

    @Test
    void assignmentDeletesTheUnassignedTimer() {
        rule("UNASSIGNED_FOR", "PT30M", List.of(), "unattended");
        Ticket ticket = create();
        ProcessInstance pi = onlyTimer(ticket);
        tickets.updateById(ticket.getId(), Changes.none().withAssignee("dave"), Actor.SYSTEM);
        assertThat(pi).isEnded();
        assertThat(timers(ticket)).isEmpty();
        // unassigned again: a new timer
        tickets.updateById(ticket.getId(), Changes.none().withAssignee(null), Actor.SYSTEM);
        assertThat(timers(ticket)).hasSize(1);
    }

    @Test
    void timeTriggersNeedAValidAfterAndOthersTakeNone() {
        Api admin = Api.as(port, "demo");
        List<Map<String, Object>> actions = List.of(Map.of("type", "ADD_TAGS", "params", Map.of("tags", List.of("x"))));
        for (Object after : List.of("", "3 days", "PT30S", "P400D", "PT1M'; DROP TABLE ticket; --", "P".repeat(40))) {
            Api.Response r = admin.post("/api/v1/admin/automations", Map.of("name", "Bad " + marker, "trigger", "STATUS_FOR",
                    "after", after, "actions", actions));
            assertThat(r.status()).as(after.toString()).isEqualTo(400);
            assertThat(r.body()).contains("after");
        }
        assertThat(admin.post("/api/v1/admin/automations", Map.of("name", "Bad " + marker, "trigger", "UNASSIGNED_FOR",
                "actions", actions)).status()).as("missing").isEqualTo(400);
        assertThat(admin.post("/api/v1/admin/automations", Map.of("name", "Bad " + marker, "trigger", "TICKET_CREATED",
                "after", "PT30M", "actions", actions)).status()).as("not time-based").isEqualTo(400);
        assertThat(admin.post("/api/v1/admin/automations", Map.of("name", "Bad " + marker, "trigger", "STATUS_FOR",
                "after", 30, "actions", actions)).status()).as("wrong type").isEqualTo(400);
    }
}
