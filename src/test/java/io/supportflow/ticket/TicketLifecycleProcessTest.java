package io.supportflow.ticket;

import static io.supportflow.ticket.TicketLifecycle.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.supportflow.identity.Agent;
import io.supportflow.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of processes/ticket-lifecycle.bpmn, through the real engine on PostgreSQL, driven the
 * way the product drives it (the ticket service, or Tasklist's task completion), timers included.
 */
@IntegrationTest
class TicketLifecycleProcessTest {

    static final Agent ADMIN = new Agent("demo", "Demo Admin", Set.of("camunda-admin"), Set.of(), true);

    @Autowired ProcessEngine engine;
    @Autowired TicketService tickets;
    @Autowired RuntimeService runtime;
    @Autowired TaskService taskService;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;
    @Autowired ServiceLevels serviceLevels;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void newTicketIsRoutedAndWaitsForItsTeam() {
        Ticket ticket = create("billing", Priority.HIGH);
        ProcessInstance pi = instance(ticket);

        assertThat(pi).hasPassedInOrder(START, ROUTE_TICKET, ASSIGN_TEAM).isWaitingAt(RESPOND_TO_CUSTOMER);
        assertThat(pi).hasBusinessKey(ticket.getNumber()).variables().containsEntry("team", "billing").containsEntry("status", "NEW");
        assertThat(candidateGroups(pi)).containsExactly("billing");
        assertThat(task(pi)).hasName("Respond to customer: " + ticket.getNumber());
        assertThat(ticket.getTeam()).isEqualTo("billing");
        assertThat(task(pi).getDueDate()).as("the task is due when the first response is")
                .isEqualTo(java.util.Date.from(serviceLevels.responseDue(ticket.getId()).orElseThrow()));
        assertThat(task(pi).getPriority()).isEqualTo(Priority.HIGH.rank());
    }

    @ParameterizedTest
    @CsvSource({"billing,billing", "technical,technical", "account,technical", "general,general", "feature_request,general"})
    void routingTableDecidesTheTeam(String category, String team) {
        Ticket ticket = create(category, Priority.MEDIUM);
        assertThat(ticket.getTeam()).isEqualTo(team);
        String rule = "Rule_" + Character.toUpperCase(team.charAt(0)) + team.substring(1);
        assertThat(jdbc.sql("SELECT new_value FROM ticket_activity WHERE ticket_id = ? AND action = 'routing_explained'")
                .param(ticket.getId()).query(String.class).single())
                .as("why the ticket went to its team")
                .isEqualTo("TicketRouting: " + rule + " → " + team + " (category=" + category
                        + ", priority=MEDIUM, channel=API, customerTier=STANDARD, language=en, tags=[])");
        assertThat(candidateGroups(instance(ticket))).containsExactly(team);
        assertThat(actions(ticket)).contains("routed");
    }

    @Test
    void agentReplyWaitsOnCustomerAndCustomerReplyBringsItBack() {
        Ticket ticket = create("technical", Priority.MEDIUM);
        ProcessInstance pi = instance(ticket);

        reply(ticket, "Could you send a screenshot?", TicketStatus.WAITING_ON_CUSTOMER);
        assertThat(pi).hasPassed(RESPOND_TO_CUSTOMER).isWaitingAt(WAITING_ON_CUSTOMER);
        assertThat(reload(ticket).getStatus()).isEqualTo(TicketStatus.WAITING_ON_CUSTOMER);
        assertThat(reload(ticket).getFirstRespondedAt()).isNotNull();

        customerWrites(ticket, "Here it is.");
        assertThat(pi).hasPassed(CUSTOMER_REPLIED).isWaitingAt(RESPOND_TO_CUSTOMER);
        assertThat(reload(ticket).getStatus()).isEqualTo(TicketStatus.OPEN);
        assertThat(runtime.getVariable(pi.getId(), "status")).isEqualTo("OPEN");
    }

    @Test
    void reminderThenAutoCloseWhenTheCustomerNeverAnswers() {
        Ticket ticket = create("general", Priority.LOW);
        ProcessInstance pi = instance(ticket);
        reply(ticket, "Anything else?", TicketStatus.WAITING_ON_CUSTOMER);

        Job reminder = timer(pi, REMINDER_DUE);
        assertThat(reminder.getDuedate().toInstant()).isCloseTo(Instant.now().plus(Duration.ofDays(3)), within(2, ChronoUnit.MINUTES));
        execute(reminder);
        assertThat(pi).hasPassed(REMIND_CUSTOMER).isWaitingAt(WAITING_AFTER_REMINDER);
        assertThat(actions(ticket)).contains("customer_reminded");

        execute(timer(pi, AUTO_CLOSE_AFTER_REMINDER));
        assertThat(pi).hasPassed(CLOSE_TICKET, TICKET_CLOSED).isEnded();
        Ticket closed = reload(ticket);
        assertThat(closed.getStatus()).isEqualTo(TicketStatus.CLOSED);
        assertThat(closed.getClosedAt()).isNotNull();
    }

    @Test
    void customerReplyAfterTheReminderBringsItBack() {
        Ticket ticket = create("general", Priority.LOW);
        ProcessInstance pi = instance(ticket);
        reply(ticket, "Anything else?", TicketStatus.WAITING_ON_CUSTOMER);
        execute(timer(pi, REMINDER_DUE));

        customerWrites(ticket, "Sorry, I was away.");
        assertThat(pi).hasPassed(CUSTOMER_REPLIED_AFTER_REMINDER).isWaitingAt(RESPOND_TO_CUSTOMER);
    }

    @Test
    void agentResumesWorkWhileWaitingOnCustomerBeforeAndAfterTheReminder() {
        Ticket ticket = create("general", Priority.LOW);
        ProcessInstance pi = instance(ticket);
        reply(ticket, "Anything else?", TicketStatus.WAITING_ON_CUSTOMER);
        setStatus(ticket, TicketStatus.IN_PROGRESS);
        assertThat(pi).hasPassed(WORK_RESUMED).isWaitingAt(RESPOND_TO_CUSTOMER);
        assertThat(reload(ticket).getStatus()).isEqualTo(TicketStatus.IN_PROGRESS);

        reply(ticket, "Still there?", TicketStatus.WAITING_ON_CUSTOMER);
        execute(timer(pi, REMINDER_DUE));
        setStatus(ticket, TicketStatus.OPEN);
        assertThat(pi).hasPassed(WORK_RESUMED_AFTER_REMINDER).isWaitingAt(RESPOND_TO_CUSTOMER);
    }

    @Test
    void waitingOnThirdPartyEndsWhenTheCustomerWritesOrTheAgentResumes() {
        Ticket ticket = create("technical", Priority.HIGH);
        ProcessInstance pi = instance(ticket);
        reply(ticket, "We asked the carrier.", TicketStatus.WAITING_ON_THIRD_PARTY);
        assertThat(pi).isWaitingAt(WAITING_ON_THIRD_PARTY);

        customerWrites(ticket, "Any news?");
        assertThat(pi).hasPassed(CUSTOMER_REPLIED_ON_HOLD).isWaitingAt(RESPOND_TO_CUSTOMER);

        reply(ticket, "Still waiting for the carrier.", TicketStatus.WAITING_ON_THIRD_PARTY);
        setStatus(ticket, TicketStatus.OPEN);
        assertThat(pi).hasPassed(WORK_RESUMED_ON_HOLD).isWaitingAt(RESPOND_TO_CUSTOMER);
    }

    @Test
    void resolvedTicketReopensOnCustomerReplyOrByAgentAndClosesByItself() {
        Ticket ticket = create("billing", Priority.MEDIUM);
        ProcessInstance pi = instance(ticket);
        reply(ticket, "Refunded.", TicketStatus.RESOLVED);
        assertThat(pi).isWaitingAt(RESOLVED);
        assertThat(reload(ticket).getResolvedAt()).isNotNull();

        customerWrites(ticket, "It is not there yet.");
        assertThat(pi).hasPassed(CUSTOMER_REOPENED).isWaitingAt(RESPOND_TO_CUSTOMER);
        assertThat(reload(ticket).getResolvedAt()).isNull();

        reply(ticket, "Now it is.", TicketStatus.RESOLVED);
        setStatus(ticket, TicketStatus.OPEN);
        assertThat(pi).hasPassed(AGENT_REOPENED).isWaitingAt(RESPOND_TO_CUSTOMER);

        reply(ticket, "Done.", TicketStatus.RESOLVED);
        Job autoClose = timer(pi, AUTO_CLOSE_AFTER_RESOLVED);
        assertThat(autoClose.getDuedate().toInstant()).isCloseTo(Instant.now().plus(Duration.ofDays(4)), within(2, ChronoUnit.MINUTES));
        execute(autoClose);
        assertThat(pi).hasPassed(CLOSE_TICKET).isEnded();
        assertThat(reload(ticket).getStatus()).isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    void waitingTicketCanBeResolvedDirectly() {
        Ticket ticket = create("billing", Priority.MEDIUM);
        ProcessInstance pi = instance(ticket);
        reply(ticket, "Does it work now?", TicketStatus.WAITING_ON_CUSTOMER);
        setStatus(ticket, TicketStatus.RESOLVED);
        assertThat(pi).isWaitingAt(RESOLVED);
        assertThat(reload(ticket).getStatus()).isEqualTo(TicketStatus.RESOLVED);
    }

    @Test
    void stillOpenStartsAnotherTurn() {
        Ticket ticket = create("technical", Priority.URGENT);
        ProcessInstance pi = instance(ticket);
        String firstTask = task(pi).getId();

        reply(ticket, "Looking into it.", TicketStatus.IN_PROGRESS);
        assertThat(pi).isWaitingAt(RESPOND_TO_CUSTOMER);
        assertThat(task(pi).getId()).isNotEqualTo(firstTask);
        Ticket working = reload(ticket);
        assertThat(working.getStatus()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(task(pi).getDueDate()).as("nobody waits for an answer: no response is due").isNull();
    }

    @Test
    void tasklistCompletionTakesTheSamePathAsTheApi() {
        Ticket ticket = create("billing", Priority.MEDIUM);
        ProcessInstance pi = instance(ticket);
        // what Tasklist submits: the form fields, as strings
        taskService.complete(task(pi).getId(), Map.of("reply", "Hello from Tasklist", "internalNote", "checked the ledger",
                "nextStatus", "WAITING_ON_CUSTOMER", "newPriority", "HIGH", "tags", "refund, VIP"));

        assertThat(pi).isWaitingAt(WAITING_ON_CUSTOMER);
        Ticket after = reload(ticket);
        assertThat(after.getStatus()).isEqualTo(TicketStatus.WAITING_ON_CUSTOMER);
        assertThat(after.getPriority()).isEqualTo(Priority.HIGH);
        assertThat(after.getTags()).containsExactly("refund", "vip");
        List<String> bodies = jdbc.sql("SELECT (CASE WHEN internal THEN 'note:' ELSE 'reply:' END) || body_text FROM ticket_message WHERE ticket_id = ? ORDER BY id")
                .param(ticket.getId()).query(String.class).list();
        assertThat(bodies).contains("reply:Hello from Tasklist", "note:checked the ledger");
        assertThat(runtime.getVariables(pi.getId()).keySet())
                .as("form fields stay local to the task").doesNotContain("reply", "internalNote", "nextStatus", "conversation");
    }

    @Test
    void snoozedTicketComesBackWhenTheSnoozeEnds() {
        Ticket ticket = create("general", Priority.MEDIUM);
        ProcessInstance pi = instance(ticket);
        Instant until = Instant.now().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
        tickets.snooze(ticket.getNumber(), until, ADMIN);

        assertThat(pi).hasPassed(TICKET_SNOOZED).isWaitingAt(SNOOZED);
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).count()).as("out of the inbox").isZero();
        Job wakeUp = timer(pi, SNOOZE_ENDED);
        assertThat(wakeUp.getDuedate().toInstant()).isEqualTo(until);

        execute(wakeUp);
        assertThat(pi).hasPassed(END_SNOOZE).isWaitingAt(RESPOND_TO_CUSTOMER);
        assertThat(reload(ticket).getSnoozedUntil()).isNull();
        assertThat(runtime.getVariables(pi.getId())).doesNotContainKey("snoozeUntil");
    }

    @Test
    void snoozedTicketComesBackEarlierWhenTheCustomerWritesOrTheAgentWakesIt() {
        Ticket ticket = create("general", Priority.MEDIUM);
        ProcessInstance pi = instance(ticket);
        tickets.snooze(ticket.getNumber(), Instant.now().plus(Duration.ofDays(2)), ADMIN);
        customerWrites(ticket, "Hello? Anyone?");
        assertThat(pi).hasPassed(CUSTOMER_REPLIED_WHILE_SNOOZED, END_SNOOZE).isWaitingAt(RESPOND_TO_CUSTOMER);
        assertThat(reload(ticket).getSnoozedUntil()).isNull();

        tickets.snooze(ticket.getNumber(), Instant.now().plus(Duration.ofDays(2)), ADMIN);
        tickets.wake(ticket.getNumber(), ADMIN);
        assertThat(pi).hasPassed(WORK_RESUMED_WHILE_SNOOZED).isWaitingAt(RESPOND_TO_CUSTOMER);
        assertThat(reload(ticket).getSnoozedUntil()).isNull();
    }

    @Test
    void mergedTicketEndsItsProcessAndShowsOnTheTarget() {
        Ticket target = create("billing", Priority.MEDIUM);
        Ticket source = create("billing", Priority.LOW);
        ProcessInstance sourcePi = instance(source);

        tickets.merge(source.getNumber(), target.getNumber(), ADMIN);
        assertThat(sourcePi).hasPassed(TICKET_MERGED, MERGED_END).isEnded();
        Ticket merged = reload(source);
        assertThat(merged.getStatus()).isEqualTo(TicketStatus.CLOSED);
        assertThat(merged.getMergedIntoId()).isEqualTo(target.getId());
        assertThat(tickets.withMerged(reload(target))).containsExactly(target.getId(), source.getId());
        assertThat(instance(target)).isWaitingAt(RESPOND_TO_CUSTOMER);
    }

    @Test
    void cancelledTicketEndsItsProcessFromAnyState() {
        Ticket ticket = create("general", Priority.LOW);
        ProcessInstance pi = instance(ticket);
        reply(ticket, "Waiting for you.", TicketStatus.WAITING_ON_CUSTOMER);
        setStatus(ticket, TicketStatus.CANCELLED);
        assertThat(pi).hasPassed(TICKET_CANCELLED, CANCELLED_END).isEnded();
        assertThat(reload(ticket).getStatus()).isEqualTo(TicketStatus.CANCELLED);
    }

    // --- helpers -----------------------------------------------------------------------------

    Ticket create(String category, Priority priority) {
        return tickets.create(new TicketCommands.NewTicket("Process test " + category, "Something is wrong.",
                MessageBody.Format.TEXT, "Pat Tester", "pat@example.com", priority, category, List.of(), Map.of(), Channel.API),
                Actor.agent("demo", "Demo Admin"));
    }

    ProcessInstance instance(Ticket ticket) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(ticket.getNumber()).singleResult();
    }

    Ticket reload(Ticket ticket) {
        return tickets.get(ticket.getNumber(), ADMIN);
    }

    void reply(Ticket ticket, String text, TicketStatus next) {
        tickets.addMessage(ticket.getNumber(), new TicketCommands.NewMessage(text, MessageBody.Format.TEXT, false, next, Actor.Type.AGENT), ADMIN);
    }

    void customerWrites(Ticket ticket, String text) {
        tickets.addMessage(ticket.getNumber(), new TicketCommands.NewMessage(text, MessageBody.Format.TEXT, false, null, Actor.Type.CUSTOMER), ADMIN);
    }

    void setStatus(Ticket ticket, TicketStatus status) {
        tickets.update(ticket.getNumber(), new TicketCommands.Changes(null, null, null, null, null, false, status, null), ADMIN);
    }

    Job timer(ProcessInstance pi, String activityId) {
        Job job = job(activityId, pi);
        assertThat(job).as("timer job at " + activityId).isNotNull();
        return job;
    }

    List<String> candidateGroups(ProcessInstance pi) {
        return taskService.getIdentityLinksForTask(task(pi).getId()).stream()
                .filter(l -> "candidate".equals(l.getType())).map(IdentityLink::getGroupId).toList();
    }

    List<String> actions(Ticket ticket) {
        return jdbc.sql("SELECT action FROM ticket_activity WHERE ticket_id = ? ORDER BY id").param(ticket.getId()).query(String.class).list();
    }
}
