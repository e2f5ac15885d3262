package io.supportflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.supportflow.identity.Agent;
import io.supportflow.support.IntegrationTest;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.Channel;
import io.supportflow.ticket.MessageBody;
import io.supportflow.ticket.Priority;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketCommands;
import io.supportflow.ticket.TicketService;
import io.supportflow.ticket.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every transition of every clock of processes/sla-clock.bpmn, through the real engine on
 * PostgreSQL, moving the engine's clock. The tenant's default calendar is Mon–Fri 09:00–17:00 UTC;
 * 2027-01-12 is a Tuesday.
 */
@IntegrationTest
class SlaClockProcessTest {

    static final Agent ADMIN = new Agent("demo", "Demo Admin", Set.of("camunda-admin"), Set.of(), true);

    @Autowired ProcessEngine engine;
    @Autowired TicketService tickets;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired SlaClockRepository clocks;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void firstResponseAndResolutionClocksStartWithTheTicketInBusinessTime() {
        at("2027-01-12T09:00:00Z");
        Ticket ticket = create("technical", Priority.HIGH);

        SlaClock first = clock(ticket, SlaMetric.FIRST_RESPONSE);
        assertThat(first.policy).isEqualTo("High");
        assertThat(first.state).isEqualTo(SlaClock.State.RUNNING);
        assertThat(first.dueAt).isEqualTo(t("2027-01-12T13:00:00Z"));
        assertThat(first.warnAt).as("75 % of 4 business hours").isEqualTo(t("2027-01-12T12:00:00Z"));
        ProcessInstance pi = instance(first);
        assertThat(pi).hasBusinessKey(ticket.getNumber() + ":FIRST_RESPONSE").isWaitingAt("TimerEvent_TargetMissed");
        assertThat(timer(pi, "TimerEvent_TargetMissed").getDuedate()).isEqualTo(date("2027-01-12T13:00:00Z"));
        assertThat(timer(pi, "BoundaryEvent_WarningPointReached").getDuedate()).isEqualTo(date("2027-01-12T12:00:00Z"));

        SlaClock resolution = clock(ticket, SlaMetric.RESOLUTION);
        assertThat(resolution.dueAt).as("24 business hours: Tuesday, Wednesday, Thursday").isEqualTo(t("2027-01-14T17:00:00Z"));
        assertThat(resolution.warnAt).isEqualTo(t("2027-01-14T11:00:00Z"));
        assertThat(clocks.findAll(ticket.getId())).extracting(c -> c.metric)
                .as("no next response before the first").doesNotContain(SlaMetric.NEXT_RESPONSE);
    }

    @Test
    void warningBreachAndEveryEscalationLevelAreRecordedOnce() {
        at("2027-01-12T09:00:00Z");
        Ticket ticket = create("technical", Priority.HIGH);
        ProcessInstance pi = instance(clock(ticket, SlaMetric.FIRST_RESPONSE));

        at("2027-01-12T12:00:00Z");
        execute(timer(pi, "BoundaryEvent_WarningPointReached"));
        assertThat(pi).hasPassed("Task_RecordSlaWarning", "EndEvent_WarningRecorded").isWaitingAt("TimerEvent_TargetMissed");
        assertThat(clock(ticket, SlaMetric.FIRST_RESPONSE).warnedAt).isEqualTo(t("2027-01-12T12:00:00Z"));

        at("2027-01-12T13:00:00Z");
        execute(timer(pi, "TimerEvent_TargetMissed"));
        assertThat(pi).hasPassed("Task_RecordSlaBreach").isWaitingAt("TimerEvent_EscalationLevelDue");
        SlaClock breached = clock(ticket, SlaMetric.FIRST_RESPONSE);
        assertThat(breached.breachedAt).isEqualTo(t("2027-01-12T13:00:00Z"));
        assertThat(timer(pi, "TimerEvent_EscalationLevelDue").getDuedate()).as("level 1: at the due time")
                .isEqualTo(date("2027-01-12T13:00:00Z"));

        execute(timer(pi, "TimerEvent_EscalationLevelDue"));
        assertThat(notes(ticket)).anySatisfy(note -> assertThat(note).startsWith("SLA breached: the first response was due 2027-01-12 13:00 UTC"));
        assertThat(clock(ticket, SlaMetric.FIRST_RESPONSE).escalationLevel).isEqualTo(1);
        assertThat(timer(pi, "TimerEvent_EscalationLevelDue").getDuedate()).as("level 2: 4 business hours after the due time")
                .isEqualTo(date("2027-01-12T17:00:00Z"));

        at("2027-01-12T17:00:00Z");
        execute(timer(pi, "TimerEvent_EscalationLevelDue"));
        assertThat(tickets.findById(ticket.getId()).orElseThrow().getPriority()).isEqualTo(Priority.URGENT);
        assertThat(pi).hasPassed("EndEvent_AllLevelsEscalated").isEnded();
        assertThat(count(ticket, "sla_warning", "FIRST_RESPONSE")).isEqualTo(1);
        assertThat(count(ticket, "sla_breached", "FIRST_RESPONSE")).isEqualTo(1);
        assertThat(count(ticket, "sla_escalated", "FIRST_RESPONSE")).isEqualTo(2);

        SlaClock resolution = clock(ticket, SlaMetric.RESOLUTION);
        assertThat(resolution.policy).as("the raised priority chose the Urgent policy").isEqualTo("Urgent");
        assertThat(resolution.target).isEqualTo(Duration.ofHours(4));
        assertThat(resolution.dueAt).as("8 business hours already counted: due at once").isEqualTo(t("2027-01-12T17:00:00Z"));
        assertThat(timer(instance(resolution), "TimerEvent_TargetMissed").getDuedate()).isEqualTo(date("2027-01-12T17:00:00Z"));
    }

    @Test
    void nextResponseAndResolutionClocksWarnBreachAndEscalateToo() {
        at("2027-01-12T09:00:00Z");
        Ticket ticket = create("billing", Priority.MEDIUM);
        at("2027-01-12T09:30:00Z");
        reply(ticket, "Which invoice?", TicketStatus.IN_PROGRESS);
        at("2027-01-12T10:00:00Z");
        customerWrites(ticket, "The one from March.");

        SlaClock next = clock(ticket, SlaMetric.NEXT_RESPONSE);
        assertThat(next.warnAt).as("75 % of 24 business hours").isEqualTo(t("2027-01-14T12:00:00Z"));
        assertThat(next.dueAt).isEqualTo(t("2027-01-15T10:00:00Z"));
        ProcessInstance nextPi = instance(next);
        at("2027-01-14T12:00:00Z");
        execute(timer(nextPi, "BoundaryEvent_WarningPointReached"));
        at("2027-01-15T10:00:00Z");
        execute(timer(nextPi, "TimerEvent_TargetMissed"));
        execute(timer(nextPi, "TimerEvent_EscalationLevelDue"));
        assertThat(nextPi).hasPassed("Task_RecordSlaWarning", "Task_RecordSlaBreach", "Task_EscalateSlaBreach", "EndEvent_AllLevelsEscalated");
        assertThat(count(ticket, "sla_warning", "NEXT_RESPONSE")).isEqualTo(1);
        assertThat(count(ticket, "sla_breached", "NEXT_RESPONSE")).isEqualTo(1);
        assertThat(notes(ticket)).anySatisfy(note -> assertThat(note).startsWith("SLA breached: the next response was due 2027-01-15 10:00 UTC"));

        SlaClock resolution = clock(ticket, SlaMetric.RESOLUTION);
        assertThat(resolution.dueAt).as("72 business hours: nine working days").isEqualTo(t("2027-01-22T17:00:00Z"));
        ProcessInstance resolutionPi = instance(resolution);
        at("2027-01-20T15:00:00Z");
        execute(timer(resolutionPi, "BoundaryEvent_WarningPointReached"));
        at("2027-01-22T17:00:00Z");
        execute(timer(resolutionPi, "TimerEvent_TargetMissed"));
        execute(timer(resolutionPi, "TimerEvent_EscalationLevelDue"));
        assertThat(count(ticket, "sla_warning", "RESOLUTION")).isEqualTo(1);
        assertThat(count(ticket, "sla_breached", "RESOLUTION")).isEqualTo(1);
        assertThat(count(ticket, "sla_escalated", "RESOLUTION")).isEqualTo(1);
        assertThat(clock(ticket, SlaMetric.RESOLUTION).breachedAt).isEqualTo(t("2027-01-22T17:00:00Z"));
    }

    @Test
    void aCalendarTimeClockWarnsBreachesAndEscalatesThroughTheWeekend() {
        at("2027-01-09T10:00:00Z"); // a Saturday
        Ticket ticket = create("technical", Priority.CRITICAL);
        ProcessInstance pi = instance(clock(ticket, SlaMetric.FIRST_RESPONSE));
        assertThat(timer(pi, "BoundaryEvent_WarningPointReached").getDuedate()).isEqualTo(date("2027-01-09T10:22:30Z"));
        at("2027-01-09T10:22:30Z");
        execute(timer(pi, "BoundaryEvent_WarningPointReached"));
        at("2027-01-09T10:30:00Z");
        execute(timer(pi, "TimerEvent_TargetMissed"));
        execute(timer(pi, "TimerEvent_EscalationLevelDue"));
        assertThat(timer(pi, "TimerEvent_EscalationLevelDue").getDuedate()).as("level 2: 30 min later, on a Saturday")
                .isEqualTo(date("2027-01-09T11:00:00Z"));
        at("2027-01-09T11:00:00Z");
        execute(timer(pi, "TimerEvent_EscalationLevelDue"));
        assertThat(pi).isEnded();
        assertThat(count(ticket, "sla_escalated", "FIRST_RESPONSE")).isEqualTo(2);
        assertThat(notes(ticket)).filteredOn(note -> note.startsWith("SLA breached")).hasSize(2);
        assertThat(tickets.findById(ticket.getId()).orElseThrow().getPriority()).as("notify only").isEqualTo(Priority.CRITICAL);
    }

    @Test
    void waitingOnTheCustomerPausesTheClocksAndResumingMovesTheirTimersByThePausedBusinessTime() {
        at("2027-01-12T09:00:00Z");
        Ticket ticket = create("billing", Priority.HIGH);
        ProcessInstance pi = instance(clock(ticket, SlaMetric.FIRST_RESPONSE));

        at("2027-01-12T10:00:00Z");
        setStatus(ticket, TicketStatus.WAITING_ON_CUSTOMER);
        SlaClock paused = clock(ticket, SlaMetric.FIRST_RESPONSE);
        assertThat(paused.state).isEqualTo(SlaClock.State.PAUSED);
        assertThat(paused.elapsed).isEqualTo(Duration.ofHours(1));
        assertThat(paused.dueAt).isNull();
        assertThat(pi).hasPassed("BoundaryEvent_ClockPaused").isWaitingAt("Gateway_Paused");
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).timers().count())
                .as("a paused clock has no timers").isZero();
        assertThat(clock(ticket, SlaMetric.RESOLUTION).state).isEqualTo(SlaClock.State.PAUSED);

        at("2027-01-13T10:00:00Z");
        customerWrites(ticket, "Here is the invoice number.");
        SlaClock resumed = clock(ticket, SlaMetric.FIRST_RESPONSE);
        assertThat(resumed.state).isEqualTo(SlaClock.State.RUNNING);
        assertThat(resumed.paused).as("calendar time paused").isEqualTo(Duration.ofHours(24));
        assertThat(resumed.dueAt).as("13:00 plus the 8 business hours paused").isEqualTo(t("2027-01-13T13:00:00Z"));
        assertThat(pi).hasPassed("MessageEvent_ClockResumed").isWaitingAt("TimerEvent_TargetMissed");
        assertThat(timer(pi, "TimerEvent_TargetMissed").getDuedate()).isEqualTo(date("2027-01-13T13:00:00Z"));
        assertThat(clock(ticket, SlaMetric.RESOLUTION).dueAt).isEqualTo(t("2027-01-15T17:00:00Z"));
    }

    @Test
    void aBreachedClockPausedAndResumedRecordsNothingTwice() {
        at("2027-01-12T09:00:00Z");
        Ticket ticket = create("billing", Priority.HIGH);
        ProcessInstance pi = instance(clock(ticket, SlaMetric.FIRST_RESPONSE));
        at("2027-01-12T13:00:00Z");
        execute(timer(pi, "BoundaryEvent_WarningPointReached"));
        execute(timer(pi, "TimerEvent_TargetMissed"));
        execute(timer(pi, "TimerEvent_EscalationLevelDue"));

        at("2027-01-12T14:00:00Z");
        setStatus(ticket, TicketStatus.WAITING_ON_THIRD_PARTY);
        assertThat(pi).isWaitingAt("Gateway_Paused");
        at("2027-01-12T15:00:00Z");
        setStatus(ticket, TicketStatus.OPEN);
        // re-entered "Clock running": the past warning and due timers fire at once and record nothing new
        executeDueTimers(pi);
        assertThat(pi).isWaitingAt("TimerEvent_EscalationLevelDue");
        assertThat(timer(pi, "TimerEvent_EscalationLevelDue").getDuedate()).as("level 2 moved by the paused hour")
                .isEqualTo(date("2027-01-13T10:00:00Z"));
        assertThat(count(ticket, "sla_warning", "FIRST_RESPONSE")).isEqualTo(1);
        assertThat(count(ticket, "sla_breached", "FIRST_RESPONSE")).isEqualTo(1);
        assertThat(count(ticket, "sla_escalated", "FIRST_RESPONSE")).isEqualTo(1);
        assertThat(clock(ticket, SlaMetric.FIRST_RESPONSE).breachedAt).isEqualTo(t("2027-01-12T13:00:00Z"));
    }

    @Test
    void agentReplyFulfilsFirstResponseAndEachCustomerMessageStartsANextResponse() {
        at("2027-01-12T09:00:00Z");
        Ticket ticket = create("billing", Priority.HIGH);
        instance(clock(ticket, SlaMetric.FIRST_RESPONSE));

        at("2027-01-12T10:00:00Z");
        reply(ticket, "We are on it.", TicketStatus.WAITING_ON_CUSTOMER);
        SlaClock first = clock(ticket, SlaMetric.FIRST_RESPONSE);
        assertThat(first.state).isEqualTo(SlaClock.State.FULFILLED);
        assertThat(first.fulfilledAt).isEqualTo(t("2027-01-12T10:00:00Z"));
        assertThat(first.elapsed).isEqualTo(Duration.ofHours(1));
        assertEnded(first, "BoundaryEvent_ClockStopped", "EndEvent_ClockStopped");

        at("2027-01-12T11:00:00Z");
        customerWrites(ticket, "Thanks, one more question.");
        at("2027-01-12T11:30:00Z");
        customerWrites(ticket, "And another.");
        SlaClock next = clock(ticket, SlaMetric.NEXT_RESPONSE);
        assertThat(next.startedAt).as("from the oldest unanswered message").isEqualTo(t("2027-01-12T11:00:00Z"));
        assertThat(next.dueAt).as("8 business hours").isEqualTo(t("2027-01-13T11:00:00Z"));
        assertThat(respondTaskDue(ticket)).isEqualTo(date("2027-01-13T11:00:00Z"));
        ProcessInstance nextPi = instance(next);
        assertThat(nextPi).hasBusinessKey(ticket.getNumber() + ":NEXT_RESPONSE").isWaitingAt("TimerEvent_TargetMissed");

        at("2027-01-12T12:00:00Z");
        reply(ticket, "Answered both.", null);
        assertThat(clock(ticket, SlaMetric.NEXT_RESPONSE).state).isEqualTo(SlaClock.State.FULFILLED);
        assertEnded(next, "EndEvent_ClockStopped");

        at("2027-01-12T13:00:00Z");
        customerWrites(ticket, "Last thing.");
        SlaClock second = clock(ticket, SlaMetric.NEXT_RESPONSE);
        assertThat(second.cycle).isEqualTo(2);
        assertThat(second.state).isEqualTo(SlaClock.State.RUNNING);
        assertThat(second.dueAt).isEqualTo(t("2027-01-13T13:00:00Z"));
        assertThat(respondTaskDue(ticket)).as("a message during the agent's turn moves the open task's due date")
                .isEqualTo(date("2027-01-13T13:00:00Z"));
    }

    @Test
    void resolutionIsFulfilledOnResolveAndContinuesWithTheTimeLeftWhenTheCustomerReopens() {
        at("2027-01-12T09:00:00Z");
        Ticket ticket = create("billing", Priority.HIGH);
        at("2027-01-12T11:00:00Z");
        reply(ticket, "Fixed.", TicketStatus.RESOLVED);
        SlaClock resolved = clock(ticket, SlaMetric.RESOLUTION);
        assertThat(resolved.state).isEqualTo(SlaClock.State.FULFILLED);
        assertThat(resolved.elapsed).isEqualTo(Duration.ofHours(2));
        assertEnded(resolved, "EndEvent_ClockStopped");

        at("2027-01-13T09:00:00Z");
        customerWrites(ticket, "It is broken again.");
        SlaClock reopened = clock(ticket, SlaMetric.RESOLUTION);
        assertThat(reopened.state).isEqualTo(SlaClock.State.RUNNING);
        assertThat(reopened.cycle).isEqualTo(2);
        assertThat(reopened.dueAt).as("22 business hours left: Wednesday, Thursday, 6 h on Friday").isEqualTo(t("2027-01-15T15:00:00Z"));
        assertThat(instance(reopened)).isWaitingAt("TimerEvent_TargetMissed");
        assertThat(clock(ticket, SlaMetric.NEXT_RESPONSE).state).as("the reopening message waits for an answer")
                .isEqualTo(SlaClock.State.RUNNING);
    }

    @Test
    void aPriorityChangeAppliesTheNewTargetsToTheTimeAlreadyCounted() {
        at("2027-01-12T09:00:00Z");
        Ticket ticket = create("general", Priority.MEDIUM);
        assertThat(clock(ticket, SlaMetric.FIRST_RESPONSE).dueAt).isEqualTo(t("2027-01-12T17:00:00Z"));
        at("2027-01-12T10:00:00Z");
        setStatus(ticket, TicketStatus.WAITING_ON_THIRD_PARTY);
        at("2027-01-12T10:30:00Z");
        setStatus(ticket, TicketStatus.OPEN);

        at("2027-01-12T11:00:00Z");
        tickets.update(ticket.getNumber(), TicketCommands.Changes.none().withPriority(Priority.HIGH), ADMIN);
        SlaClock first = clock(ticket, SlaMetric.FIRST_RESPONSE);
        assertThat(first.policy).isEqualTo("High");
        assertThat(first.elapsed).as("1 h before the pause, 30 min after it").isEqualTo(Duration.ofMinutes(90));
        assertThat(first.paused).isEqualTo(Duration.ofMinutes(30));
        assertThat(first.dueAt).as("4 h target, 1.5 h counted").isEqualTo(t("2027-01-12T13:30:00Z"));
        assertThat(respondTaskDue(ticket)).as("the agent's open task moves with it").isEqualTo(date("2027-01-12T13:30:00Z"));
        ProcessInstance pi = instance(first);
        assertThat(pi).hasPassed("BoundaryEvent_TargetsChanged").isWaitingAt("TimerEvent_TargetMissed");
        assertThat(timer(pi, "TimerEvent_TargetMissed").getDuedate()).isEqualTo(date("2027-01-12T13:30:00Z"));

        at("2027-01-12T11:10:00Z");
        tickets.update(ticket.getNumber(), TicketCommands.Changes.none().withPriority(Priority.URGENT), ADMIN);
        SlaClock urgent = clock(ticket, SlaMetric.FIRST_RESPONSE);
        assertThat(urgent.dueAt).as("1 h target already exceeded: due now").isEqualTo(t("2027-01-12T11:10:00Z"));
        execute(timer(pi, "TimerEvent_TargetMissed"));
        assertThat(clock(ticket, SlaMetric.FIRST_RESPONSE).breachedAt).isEqualTo(t("2027-01-12T11:10:00Z"));
    }

    @Test
    void criticalTicketsCountCalendarTimeAroundTheClock() {
        at("2027-01-09T10:00:00Z"); // a Saturday
        Ticket ticket = create("technical", Priority.CRITICAL);
        SlaClock first = clock(ticket, SlaMetric.FIRST_RESPONSE);
        assertThat(first.businessHours).isFalse();
        assertThat(first.dueAt).isEqualTo(t("2027-01-09T10:30:00Z"));
        assertThat(clock(ticket, SlaMetric.RESOLUTION).dueAt).isEqualTo(t("2027-01-09T12:00:00Z"));

        at("2027-01-09T10:10:00Z");
        setStatus(ticket, TicketStatus.WAITING_ON_CUSTOMER);
        at("2027-01-09T11:10:00Z");
        setStatus(ticket, TicketStatus.OPEN);
        assertThat(clock(ticket, SlaMetric.FIRST_RESPONSE).dueAt).isEqualTo(t("2027-01-09T11:30:00Z"));
    }

    @Test
    void anEndedTicketStopsItsClocks() {
        at("2027-01-12T09:00:00Z");
        Ticket ticket = create("general", Priority.LOW);
        at("2027-01-12T10:00:00Z");
        setStatus(ticket, TicketStatus.WAITING_ON_CUSTOMER);
        setStatus(ticket, TicketStatus.CANCELLED);
        for (SlaClock clock : clocks.findAll(ticket.getId())) {
            assertThat(clock.state).isEqualTo(SlaClock.State.STOPPED);
            assertEnded(clock, "MessageEvent_ClockStoppedWhilePaused", "EndEvent_ClockStopped");
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    static Instant t(String iso) {
        return Instant.parse(iso);
    }

    static Date date(String iso) {
        return Date.from(t(iso));
    }

    static void at(String iso) {
        ClockUtil.setCurrentTime(date(iso));
    }

    Ticket create(String category, Priority priority) {
        return tickets.create(new TicketCommands.NewTicket("SLA test " + category, "Something is wrong.",
                MessageBody.Format.TEXT, "Pat Tester", "pat@example.com", priority, category, List.of(), Map.of(), Channel.API),
                Actor.agent("demo", "Demo Admin"));
    }

    SlaClock clock(Ticket ticket, SlaMetric metric) {
        return clocks.find(ticket.getId(), metric).orElseThrow(() -> new AssertionError("no " + metric + " clock"));
    }

    ProcessInstance instance(SlaClock clock) {
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(clock.processInstanceId).singleResult();
        assertThat(pi).as("running SlaClock instance of " + clock.metric).isNotNull();
        return pi;
    }

    /** An ended clock instance: it passed these elements and ended. */
    void assertEnded(SlaClock clock, String... passed) {
        var history = engine.getHistoryService();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(clock.processInstanceId).finished().count())
                .as(clock.metric + " instance ended").isEqualTo(1);
        for (String activity : passed) {
            assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(clock.processInstanceId)
                    .activityId(activity).count()).as(clock.metric + " passed " + activity).isPositive();
        }
    }

    Job timer(ProcessInstance pi, String activityId) {
        Job job = management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
        assertThat(job).as("timer job at " + activityId).isNotNull();
        return job;
    }

    void execute(Job job) {
        management.executeJob(job.getId());
    }

    void executeDueTimers(ProcessInstance pi) {
        for (int i = 0; i < 10; i++) {
            List<Job> due = management.createJobQuery().processInstanceId(pi.getId()).duedateLowerThan(new Date(ClockUtil.getCurrentTime().getTime() + 1)).list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(this::execute);
        }
    }

    void reply(Ticket ticket, String text, TicketStatus next) {
        tickets.addMessage(ticket.getNumber(), new TicketCommands.NewMessage(text, MessageBody.Format.TEXT, false, next, Actor.Type.AGENT), ADMIN);
    }

    void customerWrites(Ticket ticket, String text) {
        tickets.addMessage(ticket.getNumber(), new TicketCommands.NewMessage(text, MessageBody.Format.TEXT, false, null, Actor.Type.CUSTOMER), ADMIN);
    }

    void setStatus(Ticket ticket, TicketStatus status) {
        tickets.update(ticket.getNumber(), TicketCommands.Changes.none().withStatus(status), ADMIN);
    }

    Date respondTaskDue(Ticket ticket) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(ticket.getNumber()).singleResult().getDueDate();
    }

    List<String> notes(Ticket ticket) {
        return jdbc.sql("SELECT body_text FROM ticket_message WHERE ticket_id = ? AND internal ORDER BY id")
                .param(ticket.getId()).query(String.class).list();
    }

    long count(Ticket ticket, String action, String field) {
        return jdbc.sql("SELECT count(*) FROM ticket_activity WHERE ticket_id = ? AND action = ? AND field = ?")
                .param(ticket.getId()).param(action).param(field).query(Long.class).single();
    }
}
