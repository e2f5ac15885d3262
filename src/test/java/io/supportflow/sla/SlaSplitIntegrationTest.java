package io.supportflow.sla;

import static io.supportflow.sla.SlaIntegrationTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A split moves the customer messages a response clock counted from: the original's next-response
 * clock and the new ticket's first-response clock follow them, through the real engine. CRITICAL
 * tickets count calendar time (first response 30 min, next response 1 h), so the moments are plain.
 */
@IntegrationTest
class SlaSplitIntegrationTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ManagementService management;
    @Autowired TaskService tasks;

    Api admin() { return Api.as(port, "demo"); }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void splittingOffTheMessageTheNextResponseCountedFromRecountsFromTheOldestOneLeft() {
        at("2027-05-04T10:00:00Z");
        String number = create();
        at("2027-05-04T10:05:00Z");
        reply(number);
        at("2027-05-04T10:10:00Z");
        long printer = customerWrites(number, "Also, my printer is broken.");
        at("2027-05-04T10:20:00Z");
        customerWrites(number, "And the invoice is still wrong.");
        assertThat(clock(number, "NEXT_RESPONSE").get("dueAt").asText()).isEqualTo("2027-05-04T11:10:00Z");

        at("2027-05-04T10:30:00Z");
        String split = split(number, List.of(printer));

        JsonNode next = clock(number, "NEXT_RESPONSE");
        assertThat(next.get("state").asText()).isEqualTo("RUNNING");
        assertThat(next.get("startedAt").asText()).as("the invoice message is the oldest left").isEqualTo("2027-05-04T10:20:00Z");
        assertThat(next.get("dueAt").asText()).isEqualTo("2027-05-04T11:20:00Z");
        assertThat(timerDue(number, "NEXT_RESPONSE")).isEqualTo(Instant.parse("2027-05-04T11:20:00Z"));
        assertThat(taskDue(number)).isEqualTo(Instant.parse("2027-05-04T11:20:00Z"));

        JsonNode first = clock(split, "FIRST_RESPONSE");
        assertThat(first.get("state").asText()).isEqualTo("RUNNING");
        assertThat(first.get("startedAt").asText()).as("the customer waits since the printer message").isEqualTo("2027-05-04T10:10:00Z");
        assertThat(first.get("dueAt").asText()).isEqualTo("2027-05-04T10:40:00Z");
        assertThat(first.get("elapsed").asText()).isEqualTo("PT20M");
        assertThat(timerDue(split, "FIRST_RESPONSE")).isEqualTo(Instant.parse("2027-05-04T10:40:00Z"));
        assertThat(taskDue(split)).isEqualTo(Instant.parse("2027-05-04T10:40:00Z"));
        assertThat(clock(split, "RESOLUTION").get("startedAt").asText()).as("resolution counts from the new ticket's creation")
                .isEqualTo("2027-05-04T10:30:00Z");
        assertThat(clocks(split)).doesNotContain("NEXT_RESPONSE");

        at("2027-05-04T11:21:00Z"); // the moved timer fires when it is due, and breaches the recounted clock
        management.executeJob(timer(number, "NEXT_RESPONSE").getId());
        assertThat(clock(number, "NEXT_RESPONSE").get("state").asText()).isEqualTo("BREACHED");
        assertThat(clock(number, "NEXT_RESPONSE").get("breachedAt").asText()).isEqualTo("2027-05-04T11:21:00Z");
    }

    @Test
    void whenEveryWaitingMessageMovesTheOriginalStopsWaitingUntilTheCustomerWritesAgain() {
        at("2027-05-05T10:00:00Z");
        String number = create();
        at("2027-05-05T10:05:00Z");
        reply(number);
        at("2027-05-05T10:10:00Z");
        long one = customerWrites(number, "The printer is broken.");
        long two = customerWrites(number, "It smells of smoke.");
        String nextInstance = instance(number, "NEXT_RESPONSE");

        at("2027-05-05T10:30:00Z");
        String split = split(number, List.of(one, two));

        JsonNode next = clock(number, "NEXT_RESPONSE");
        assertThat(next.get("state").asText()).isEqualTo("STOPPED");
        assertThat(engineInstances(nextInstance)).as("the stopped clock's instance ended, timers and all").isZero();
        assertThat(taskDue(number)).as("nothing due on the original any more").isNull();
        assertThat(clock(number, "FIRST_RESPONSE").get("state").asText()).isEqualTo("FULFILLED");
        assertThat(clock(split, "FIRST_RESPONSE").get("startedAt").asText()).isEqualTo("2027-05-05T10:10:00Z");

        at("2027-05-05T11:00:00Z");
        customerWrites(number, "Any news about the invoice?");
        next = clock(number, "NEXT_RESPONSE");
        assertThat(next.get("state").asText()).isEqualTo("RUNNING");
        assertThat(next.get("startedAt").asText()).isEqualTo("2027-05-05T11:00:00Z");
        assertThat(timerDue(number, "NEXT_RESPONSE")).isEqualTo(Instant.parse("2027-05-05T12:00:00Z"));
    }

    @Test
    void anExchangeAlreadyAnsweredStartsTheNewTicketWithItsFirstResponseMet() {
        at("2027-05-06T10:00:00Z");
        String number = create();
        at("2027-05-06T10:05:00Z");
        long question = customerWrites(number, "Where is the printer manual?");
        at("2027-05-06T10:15:00Z");
        reply(number);
        long answer = lastMessageId(number);
        at("2027-05-06T10:30:00Z");
        String split = split(number, List.of(question, answer));

        JsonNode first = clock(split, "FIRST_RESPONSE");
        assertThat(first.get("state").asText()).isEqualTo("FULFILLED");
        assertThat(first.get("fulfilledAt").asText()).isEqualTo("2027-05-06T10:30:00Z");
        assertThat(jdbc.sql("SELECT count(*) FROM sla_clock c JOIN ticket t ON t.id = c.ticket_id "
                + "WHERE t.number = ? AND c.metric = 'FIRST_RESPONSE' AND c.process_instance_id IS NULL")
                .param(split).query(Long.class).single()).as("a met clock needs no instance").isEqualTo(1);
        assertThat(clock(split, "RESOLUTION").get("state").asText()).isEqualTo("RUNNING");
        assertThat(taskDue(split)).as("no answer is owed").isNull();
        assertThat(clock(number, "FIRST_RESPONSE").get("state").asText()).as("the original's own answer stays")
                .isEqualTo("FULFILLED");
        assertThat(clocks(number)).doesNotContain("NEXT_RESPONSE");

        at("2027-05-06T11:00:00Z");
        customerWrites(split, "Thanks, and the toner?");
        assertThat(clock(split, "NEXT_RESPONSE").get("startedAt").asText()).isEqualTo("2027-05-06T11:00:00Z");
    }

    @Test
    void splittingOffOnlyNotesLeavesEveryClockAsItWas() {
        at("2027-05-07T10:00:00Z");
        String number = create();
        at("2027-05-07T10:05:00Z");
        reply(number);
        at("2027-05-07T10:10:00Z");
        customerWrites(number, "Still broken.");
        Api.Response note = admin().post(path(number, "/messages"), Map.of("body", "Printer model X200", "internal", true));
        assertThat(note.status()).as(note.body()).isEqualTo(201);
        at("2027-05-07T10:30:00Z");
        String split = split(number, List.of(lastMessageId(number)));

        JsonNode next = clock(number, "NEXT_RESPONSE");
        assertThat(next.get("state").asText()).isEqualTo("RUNNING");
        assertThat(next.get("startedAt").asText()).isEqualTo("2027-05-07T10:10:00Z");
        assertThat(timerDue(number, "NEXT_RESPONSE")).isEqualTo(Instant.parse("2027-05-07T11:10:00Z"));
        JsonNode first = clock(split, "FIRST_RESPONSE");
        assertThat(first.get("state").asText()).isEqualTo("RUNNING");
        assertThat(first.get("startedAt").asText()).as("no customer message moved: from the new ticket's creation")
                .isEqualTo("2027-05-07T10:30:00Z");
    }

    // --- helpers -----------------------------------------------------------------------------

    String create() {
        Api.Response created = admin().post("/api/v1/tickets", Map.of("subject", "Split SLA " + UUID.randomUUID(),
                "description", "The invoice is wrong.", "requester", Map.of("name", "Sam Splitter", "email", "sam.splitter@example.com"),
                "category", "technical", "priority", "CRITICAL"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("number").asText();
    }

    void reply(String number) {
        Api.Response reply = admin().post(path(number, "/messages"), Map.of("body", "On it.", "status", "IN_PROGRESS"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    long customerWrites(String number, String body) {
        Api.Response message = admin().post(path(number, "/messages"), Map.of("body", body, "authorType", "CUSTOMER"));
        assertThat(message.status()).as(message.body()).isEqualTo(201);
        return lastMessageId(number);
    }

    long lastMessageId(String number) {
        Api.Response messages = admin().get(path(number, "/messages"));
        assertThat(messages.status()).as(messages.body()).isEqualTo(200);
        long last = 0;
        for (JsonNode message : messages.json()) {
            last = Math.max(last, message.get("id").asLong());
        }
        return last;
    }

    String split(String number, List<Long> messageIds) {
        Api.Response split = admin().post(path(number, "/split"), Map.of("messageIds", messageIds));
        assertThat(split.status()).as(split.body()).isEqualTo(201);
        return split.json().get("number").asText();
    }

    JsonNode clock(String number, String metric) {
        for (JsonNode clock : ticket(number).at("/sla/clocks")) {
            if (clock.get("metric").asText().equals(metric)) {
                return clock;
            }
        }
        throw new AssertionError("no " + metric + " clock on " + number);
    }

    List<String> clocks(String number) {
        List<String> metrics = new ArrayList<>();
        ticket(number).at("/sla/clocks").forEach(c -> metrics.add(c.get("metric").asText()));
        return metrics;
    }

    JsonNode ticket(String number) {
        Api.Response ticket = admin().get("/api/v1/tickets/" + number);
        assertThat(ticket.status()).as(ticket.body()).isEqualTo(200);
        return ticket.json();
    }

    String instance(String number, String metric) {
        return jdbc.sql("SELECT c.process_instance_id FROM sla_clock c JOIN ticket t ON t.id = c.ticket_id "
                + "WHERE t.number = ? AND c.metric = ?").param(number).param(metric).query(String.class).single();
    }

    long engineInstances(String processInstanceId) {
        return jdbc.sql("SELECT count(*) FROM act_ru_execution WHERE proc_inst_id_ = ?").param(processInstanceId)
                .query(Long.class).single();
    }

    Job timer(String number, String metric) {
        return management.createJobQuery().processInstanceId(instance(number, metric))
                .activityId("TimerEvent_TargetMissed").singleResult();
    }

    Instant timerDue(String number, String metric) {
        return timer(number, metric).getDuedate().toInstant();
    }

    Instant taskDue(String number) {
        var due = tasks.createTaskQuery().processInstanceBusinessKey(number).singleResult().getDueDate();
        return due == null ? null : due.toInstant();
    }

    static String path(String number, String tail) {
        return "/api/v1/tickets/" + number + tail;
    }
}
