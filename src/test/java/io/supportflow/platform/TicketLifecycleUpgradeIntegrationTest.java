package io.supportflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database from before the SLA clocks: tickets whose process runs on the TicketLifecycle version
 * of that time (src/test/resources/upgrade, taken from git), with its own "Response due" timer
 * calling a bean that no longer exists. The start-up upgrade moves them to the latest version, on
 * PostgreSQL through the real engine, and their SLA clocks start.
 */
@IntegrationTest
class TicketLifecycleUpgradeIntegrationTest {

    static final String KEY = "TicketLifecycle";
    static final String OLD_BPMN = "upgrade/ticket-lifecycle-before-sla-clocks.bpmn";

    /** The old version, deployed once for the class; the latest is deployed again after it, so it stays the latest. */
    static String oldDefinitionId;

    @LocalServerPort int port;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;
    @Autowired TicketLifecycleUpgrade upgrade;

    Api admin() { return Api.as(port, "demo"); }

    @BeforeEach
    void deployTheOldVersionOnce() {
        if (oldDefinitionId != null) {
            return;
        }
        String old = repository.createDeployment().name("test: TicketLifecycle before the SLA clocks")
                .addClasspathResource(OLD_BPMN).deploy().getId();
        repository.createDeployment().name("test: TicketLifecycle, latest again")
                .addClasspathResource("processes/ticket-lifecycle.bpmn").deploy();
        oldDefinitionId = repository.createProcessDefinitionQuery().deploymentId(old).singleResult().getId();
        assertThat(oldDefinitionId).isNotEqualTo(latest().getId());
    }

    @Test
    void anOldTicketWaitingForAnAgentMovesToTheLatestVersionGetsItsClocksAndCanBeAnsweredAndResolved() {
        OldTicket ticket = oldTicket("OPEN", "Task_RespondToCustomer");
        Job oldTimer = management.createJobQuery().processInstanceId(ticket.processInstanceId())
                .activityId("BoundaryEvent_ResponseDue").singleResult();
        assertThat(oldTimer).as("the old version's own response timer").isNotNull();
        management.setJobRetries(oldTimer.getId(), 0); // as after it failed on the missing recordResponseBreach bean
        assertThat(incidents(ticket)).isEqualTo(1);

        assertThat(upgrade.upgrade()).as("this one, and any other instance on an older version").isPositive();

        assertThat(definitionOf(ticket)).isEqualTo(latest().getId());
        Task task = tasks.createTaskQuery().processInstanceId(ticket.processInstanceId()).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_RespondToCustomer");
        assertThat(task.getProcessDefinitionId()).isEqualTo(latest().getId());
        assertThat(management.createJobQuery().processInstanceId(ticket.processInstanceId()).count())
                .as("the old timer is gone with its job").isZero();
        assertThat(incidents(ticket)).as("and with its incident").isZero();
        assertThat(runtime.getVariable(ticket.processInstanceId(), "responseDue")).isNull();
        assertThat(runtime.getVariable(ticket.processInstanceId(), "ticketId")).isEqualTo(ticket.id());

        JsonNode first = clock(ticket.number(), "FIRST_RESPONSE");
        assertThat(first.get("state").asText()).isEqualTo("RUNNING");
        assertThat(Instant.parse(first.get("startedAt").asText())).as("counted from the ticket's creation")
                .isEqualTo(ticket.createdAt());
        assertThat(clock(ticket.number(), "RESOLUTION").get("state").asText()).isEqualTo("RUNNING");
        assertThat(slaClockInstances(ticket.number())).isEqualTo(2);

        Api.Response reply = admin().post("/api/v1/tickets/" + ticket.number() + "/messages",
                Map.of("body", "Fixed it for you.", "status", "RESOLVED"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(admin().get("/api/v1/tickets/" + ticket.number()).json().get("status").asText()).isEqualTo("RESOLVED");
        assertThat(clock(ticket.number(), "FIRST_RESPONSE").get("state").asText()).isEqualTo("FULFILLED");
        assertThat(clock(ticket.number(), "RESOLUTION").get("state").asText()).isEqualTo("FULFILLED");
        assertThat(runtime.createExecutionQuery().processInstanceId(ticket.processInstanceId()).activityId("Gateway_Resolved")
                .count()).as("waits for a reopening or the auto-close").isEqualTo(1);
        assertThat(incidents(ticket)).isZero();
    }

    @Test
    void anOldTicketWaitingOnTheCustomerKeepsWaitingWithItsClocksPausedUntilTheCustomerReplies() {
        OldTicket ticket = oldTicket("WAITING_ON_CUSTOMER", "Gateway_WaitingOnCustomer");
        Instant answered = jdbc.sql("SELECT first_responded_at FROM ticket WHERE id = ?").param(ticket.id())
                .query(java.sql.Timestamp.class).single().toInstant();

        assertThat(upgrade.upgrade()).isPositive();

        assertThat(definitionOf(ticket)).isEqualTo(latest().getId());
        assertThat(management.createJobQuery().processInstanceId(ticket.processInstanceId()).activityId("TimerEvent_ReminderDue")
                .count()).as("the reminder timer is an equal activity: kept").isEqualTo(1);
        JsonNode first = clock(ticket.number(), "FIRST_RESPONSE");
        assertThat(first.get("state").asText()).isEqualTo("FULFILLED");
        assertThat(Instant.parse(first.get("fulfilledAt").asText())).isEqualTo(answered);
        assertThat(clock(ticket.number(), "RESOLUTION").get("state").asText()).isEqualTo("PAUSED");
        assertThat(clockMetrics(ticket.number())).doesNotContain("NEXT_RESPONSE");

        Api.Response customer = admin().post("/api/v1/tickets/" + ticket.number() + "/messages",
                Map.of("body", "Here is the screenshot.", "authorType", "CUSTOMER"));
        assertThat(customer.status()).as(customer.body()).isEqualTo(201);
        assertThat(tasks.createTaskQuery().processInstanceId(ticket.processInstanceId()).taskDefinitionKey("Task_RespondToCustomer")
                .count()).isEqualTo(1);
        assertThat(clock(ticket.number(), "RESOLUTION").get("state").asText()).isEqualTo("RUNNING");
        assertThat(clock(ticket.number(), "NEXT_RESPONSE").get("state").asText()).isEqualTo("RUNNING");
        assertThat(incidents(ticket)).isZero();
    }

    @Test
    void anOldResponseTimerThatFiresBeforeTheUpgradeSucceedsAndChangesNothing() {
        OldTicket ticket = oldTicket("OPEN", "Task_RespondToCustomer");
        Job oldTimer = management.createJobQuery().processInstanceId(ticket.processInstanceId())
                .activityId("BoundaryEvent_ResponseDue").singleResult();

        management.executeJob(oldTimer.getId());

        assertThat(incidents(ticket)).isZero();
        assertThat(tasks.createTaskQuery().processInstanceId(ticket.processInstanceId()).count()).as("still the agent's turn").isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(ticket.processInstanceId()).count()).isEqualTo(1);
        assertThat(upgrade.upgrade()).isPositive();
        assertThat(definitionOf(ticket)).isEqualTo(latest().getId());
    }

    @Test
    void twoNodesStartingAtOnceMoveEachInstanceOnceAndASecondRunDoesNothing() throws Exception {
        OldTicket ticket = oldTicket("OPEN", "Task_RespondToCustomer");
        long old = instancesOnOlderVersions();
        assertThat(old).isPositive();
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> start = upgrade::upgrade;
            List<Future<Integer>> runs = nodes.invokeAll(List.of(start, start));
            assertThat(runs.get(0).get() + runs.get(1).get()).as("each instance moved by one node").isEqualTo(old);
        } finally {
            nodes.shutdown();
        }
        assertThat(instancesOnOlderVersions()).isZero();
        assertThat(upgrade.upgrade()).isZero();
        assertThat(definitionOf(ticket)).isEqualTo(latest().getId());
        assertThat(jdbc.sql("SELECT count(*) FROM sla_clock WHERE ticket_id = ?").param(ticket.id()).query(Long.class).single())
                .isEqualTo(2);
        assertThat(slaClockInstances(ticket.number())).isEqualTo(2);
        assertThat(incidents(ticket)).isZero();
    }

    // --- helpers -----------------------------------------------------------------------------

    record OldTicket(long id, String number, String processInstanceId, Instant createdAt) {
    }

    /**
     * A ticket as the old version left it: created (and, when it waits on the customer, answered)
     * through today's API, then its clocks removed
     * (they did not exist) and its process replaced by one of the old version waiting at
     * {@code activity}, with the variables that version kept.
     */
    OldTicket oldTicket(String status, String activity) {
        Api.Response created = admin().post("/api/v1/tickets", Map.of("subject", "Old ticket " + UUID.randomUUID(),
                "description", "Created before the upgrade.", "requester", Map.of("name", "Olga Older", "email", "olga@example.com"),
                "category", "technical", "priority", "HIGH"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String number = created.json().get("number").asText();
        if (status.equals("WAITING_ON_CUSTOMER")) {
            Api.Response reply = admin().post("/api/v1/tickets/" + number + "/messages",
                    Map.of("body", "Could you send a screenshot?", "status", status));
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        }
        Map<String, Object> row = jdbc.sql("SELECT id, team, process_instance_id, created_at FROM ticket WHERE number = ?")
                .param(number).query().singleRow();
        long id = ((Number) row.get("id")).longValue();
        for (String clock : jdbc.sql("SELECT process_instance_id FROM sla_clock WHERE ticket_id = ? AND process_instance_id IS NOT NULL")
                .param(id).query(String.class).list()) {
            if (runtime.createProcessInstanceQuery().processInstanceId(clock).count() > 0) {
                runtime.deleteProcessInstance(clock, "test: from before the SLA clocks", true);
            }
        }
        jdbc.sql("DELETE FROM sla_clock WHERE ticket_id = ?").param(id).update();
        runtime.deleteProcessInstance((String) row.get("process_instance_id"), "test: replaced by the old version", true);
        String processInstanceId = runtime.createProcessInstanceById(oldDefinitionId).businessKey(number)
                .setVariable("ticketId", id)
                .setVariable("status", status)
                .setVariable("team", row.get("team"))
                .setVariable("responseDue", Date.from(Instant.now().plus(Duration.ofDays(1))))
                .startBeforeActivity(activity)
                .execute().getId();
        jdbc.sql("UPDATE ticket SET process_instance_id = ?, status = ? WHERE id = ?").param(processInstanceId).param(status)
                .param(id).update();
        assertThat(definitionOf(processInstanceId)).isEqualTo(oldDefinitionId);
        return new OldTicket(id, number, processInstanceId, ((java.sql.Timestamp) row.get("created_at")).toInstant());
    }

    long instancesOnOlderVersions() {
        String latest = latest().getId();
        return runtime.createProcessInstanceQuery().processDefinitionKey(KEY).list().stream()
                .filter(instance -> !instance.getProcessDefinitionId().equals(latest)).count();
    }

    ProcessDefinition latest() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult();
    }

    String definitionOf(OldTicket ticket) {
        return definitionOf(ticket.processInstanceId());
    }

    String definitionOf(String processInstanceId) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult().getProcessDefinitionId();
    }

    long incidents(OldTicket ticket) {
        return runtime.createIncidentQuery().processInstanceId(ticket.processInstanceId()).count();
    }

    long slaClockInstances(String number) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("SlaClock")
                .processInstanceBusinessKeyLike(number + ":%").count();
    }

    JsonNode clock(String number, String metric) {
        for (JsonNode clock : admin().get("/api/v1/tickets/" + number).json().at("/sla/clocks")) {
            if (clock.get("metric").asText().equals(metric)) {
                return clock;
            }
        }
        throw new AssertionError("no " + metric + " clock on " + number);
    }

    List<String> clockMetrics(String number) {
        List<String> metrics = new ArrayList<>();
        admin().get("/api/v1/tickets/" + number).json().at("/sla/clocks").forEach(c -> metrics.add(c.get("metric").asText()));
        return metrics;
    }
}
