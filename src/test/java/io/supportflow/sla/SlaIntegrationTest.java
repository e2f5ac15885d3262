package io.supportflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** SLA clocks and metrics over real HTTP, on PostgreSQL, with the engine's clock moved. */
@IntegrationTest
class SlaIntegrationTest {

    static final String CALENDARS = "/api/v1/admin/calendars";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ManagementService management;
    @Autowired TaskService tasks;
    @Autowired BusinessCalendars calendars;

    Api admin() { return Api.as(port, "demo"); }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void urgentTicketOnFridayAfternoonBeforeAHolidayMondayAndAHoldOfTwoBusinessHours() {
        long calendarId = defaultCalendarId();
        putDefaultCalendar(calendarId, List.of(Map.of("date", "2027-01-11", "name", "Company holiday")));
        try {
            at("2027-01-08T16:30:00Z"); // a Friday; Mon–Fri 09:00–17:00 UTC, Monday 11 a holiday
            String number = create("technical", "URGENT");

            JsonNode first = clock(number, "FIRST_RESPONSE");
            assertThat(first.get("policy").asText()).isEqualTo("Urgent");
            assertThat(first.get("state").asText()).isEqualTo("RUNNING");
            assertThat(first.get("target").asText()).isEqualTo("PT1H");
            assertThat(first.get("dueAt").asText()).as("30 min on Friday, 30 min on Tuesday")
                    .isEqualTo("2027-01-12T09:30:00Z");
            assertThat(clock(number, "RESOLUTION").get("dueAt").asText()).isEqualTo("2027-01-12T12:30:00Z");
            assertThat(taskDue(number)).isEqualTo(Instant.parse("2027-01-12T09:30:00Z"));

            at("2027-01-08T16:40:00Z");
            assertThat(admin().patch("/api/v1/tickets/" + number, Map.of("status", "WAITING_ON_THIRD_PARTY")).status()).isEqualTo(200);
            JsonNode onHold = clock(number, "FIRST_RESPONSE");
            assertThat(onHold.get("state").asText()).isEqualTo("PAUSED");
            assertThat(onHold.get("pausedSince").asText()).isEqualTo("2027-01-08T16:40:00Z");
            assertThat(onHold.get("remaining").asText()).isEqualTo("PT50M");
            assertThat(onHold.has("dueAt")).as("a paused clock has no due time").isFalse();

            at("2027-01-12T10:40:00Z"); // 20 min on Friday + 1 h 40 on Tuesday: 2 business hours on hold
            assertThat(admin().patch("/api/v1/tickets/" + number, Map.of("status", "OPEN")).status()).isEqualTo(200);
            JsonNode resumed = clock(number, "FIRST_RESPONSE");
            assertThat(resumed.get("state").asText()).isEqualTo("RUNNING");
            assertThat(resumed.get("dueAt").asText()).isEqualTo("2027-01-12T11:30:00Z");
            assertThat(calendars.forTeam("default", "technical").businessTimeBetween(
                    Instant.parse("2027-01-12T09:30:00Z"), Instant.parse(resumed.get("dueAt").asText())))
                    .as("the due time moved by exactly the business time on hold").isEqualTo(Duration.ofHours(2));
            assertThat(resumed.get("elapsed").asText()).isEqualTo("PT10M");
            assertThat(clock(number, "RESOLUTION").get("dueAt").asText()).isEqualTo("2027-01-12T14:30:00Z");
            assertThat(taskDue(number)).as("the agent's new task is due with the clock").isEqualTo(Instant.parse("2027-01-12T11:30:00Z"));
        } finally {
            putDefaultCalendar(calendarId, List.of());
        }
    }

    @Test
    void metricsCountMetBreachedAndAtRiskAndComputeMedianAndP90InSql() {
        at("2027-02-02T09:00:00Z"); // a Tuesday
        String quick = create("billing", "HIGH");
        String slow = create("billing", "HIGH");
        String late = create("billing", "HIGH");
        at("2027-02-02T10:00:00Z");
        reply(quick);
        at("2027-02-02T12:00:00Z");
        reply(slow);

        at("2027-02-02T12:30:00Z");
        String period = "?from=2027-02-01T00:00:00Z&to=2027-02-03T00:00:00Z";
        JsonNode metrics = metrics(period + "&team=billing&priority=HIGH");
        JsonNode first = metrics.get("firstResponse");
        assertThat(first.get("met").asLong()).isEqualTo(2);
        assertThat(first.get("breached").asLong()).isZero();
        assertThat(first.get("atRisk").asLong()).as("past its warning point (12:00)").isEqualTo(1);
        assertThat(first.get("compliancePercent").asDouble()).isEqualTo(100.0);
        assertThat(first.get("median").asText()).isEqualTo("PT2H");
        assertThat(first.get("p90").asText()).isEqualTo("PT2H48M");
        assertThat(metrics.get("resolution").get("running").asLong()).isEqualTo(3);

        at("2027-02-02T13:00:00Z");
        String pid = jdbc.sql("SELECT c.process_instance_id FROM sla_clock c JOIN ticket t ON t.id = c.ticket_id "
                + "WHERE t.number = ? AND c.metric = 'FIRST_RESPONSE'").param(late).query(String.class).single();
        management.executeJob(management.createJobQuery().processInstanceId(pid).activityId("TimerEvent_TargetMissed").singleResult().getId());
        first = metrics(period + "&team=billing").get("firstResponse");
        assertThat(first.get("breached").asLong()).isEqualTo(1);
        assertThat(first.get("atRisk").asLong()).isZero();
        assertThat(first.get("compliancePercent").asDouble()).isEqualTo(66.7);
        assertThat(clock(late, "FIRST_RESPONSE").get("state").asText()).isEqualTo("BREACHED");

        JsonNode otherTeam = metrics(period + "&team=technical").get("firstResponse");
        assertThat(otherTeam.get("met").asLong()).isZero();
        assertThat(otherTeam.has("compliancePercent")).as("nothing finished: no percentage").isFalse();
        assertThat(metrics(period + "&priority=LOW").get("firstResponse").get("met").asLong()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"?from=yesterday", "?from=2027-02-01", "?priority=SUPER", "?priority=1", "?team=%3Cscript%3E",
            "?team=billing'%3B%20DROP%20TABLE%20sla_clock%3B--", "?team=..%2F..%2Fetc%2Fpasswd",
            "?from=2027-02-03T00:00:00Z&to=2027-02-01T00:00:00Z", "?from=2025-01-01T00:00:00Z&to=2027-02-01T00:00:00Z"})
    void badMetricsQueriesGetAProblemAndChangeNothing(String query) {
        long clocksBefore = jdbc.sql("SELECT count(*) FROM sla_clock").query(Long.class).single();
        Api.Response response = admin().get("/api/v1/sla/metrics" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("<script>", "DROP TABLE", "passwd", "Exception");
        assertThat(jdbc.sql("SELECT count(*) FROM sla_clock").query(Long.class).single()).isEqualTo(clocksBefore);
    }

    @Test
    void metricsNeedAnAccount() {
        assertThat(Api.anonymous(port).get("/api/v1/sla/metrics").status()).isEqualTo(401);
        assertThat(Api.as(port, "alice").get("/api/v1/sla/metrics").status()).isEqualTo(200);
    }

    @Test
    void aProcessOwnerDeploysANewPolicyTableAndTheNextTicketUsesItWithoutARestart() throws Exception {
        String table = Files.readString(Path.of("rules/sla-policy.dmn"))
                .replace("<outputEntry id=\"LiteralExpression_Low_FirstResponse\"><text>\"PT24H\"</text>",
                        "<outputEntry id=\"LiteralExpression_Low_FirstResponse\"><text>\"PT2H\"</text>");
        assertThat(table).contains("\"PT2H\"</text>");
        String deploymentId = deploy(table);
        try {
            at("2027-03-02T09:00:00Z");
            JsonNode first = clock(create("general", "LOW"), "FIRST_RESPONSE");
            assertThat(first.get("target").asText()).isEqualTo("PT2H");
            assertThat(first.get("dueAt").asText()).isEqualTo("2027-03-02T11:00:00Z");
        } finally {
            assertThat(admin().delete("/engine-rest/deployment/" + deploymentId + "?cascade=true").status()).isEqualTo(204);
        }
        assertThat(clock(create("general", "LOW"), "FIRST_RESPONSE").get("target").asText()).isEqualTo("PT24H");
    }

    // --- helpers -----------------------------------------------------------------------------

    static void at(String iso) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(iso)));
    }

    String create(String category, String priority) {
        Api.Response created = admin().post("/api/v1/tickets", Map.of("subject", "SLA " + UUID.randomUUID(),
                "description", "It does not work.", "requester", Map.of("name", "Pat Tester", "email", "pat@example.com"),
                "category", category, "priority", priority));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("number").asText();
    }

    void reply(String number) {
        Api.Response reply = admin().post("/api/v1/tickets/" + number + "/messages", Map.of("body", "On it.", "status", "IN_PROGRESS"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    JsonNode clock(String number, String metric) {
        Api.Response ticket = admin().get("/api/v1/tickets/" + number);
        assertThat(ticket.status()).as(ticket.body()).isEqualTo(200);
        for (JsonNode clock : ticket.json().at("/sla/clocks")) {
            if (clock.get("metric").asText().equals(metric)) {
                return clock;
            }
        }
        throw new AssertionError("no " + metric + " clock in " + ticket.body());
    }

    JsonNode metrics(String query) {
        Api.Response response = admin().get("/api/v1/sla/metrics" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    Instant taskDue(String number) {
        return tasks.createTaskQuery().processInstanceBusinessKey(number).singleResult().getDueDate().toInstant();
    }

    long defaultCalendarId() {
        for (JsonNode calendar : admin().get(CALENDARS).json()) {
            if (calendar.get("tenantDefault").asBoolean()) {
                return calendar.get("id").asLong();
            }
        }
        throw new AssertionError("no default calendar");
    }

    void putDefaultCalendar(long id, List<Map<String, Object>> holidays) {
        List<Map<String, Object>> hours = new ArrayList<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            hours.add(Map.of("day", day, "start", "09:00", "end", "17:00"));
        }
        Api.Response put = admin().send("PUT", CALENDARS + "/" + id,
                Map.of("name", "Standard hours", "timeZone", "UTC", "hours", hours, "holidays", holidays));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    String deploy(String dmn) {
        String boundary = "sla" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nSLA policy change\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"sla-policy.dmn\"\r\n"
                + "Content-Type: application/xml\r\n\r\n" + dmn + "\r\n--" + boundary + "--\r\n";
        Api.Response response = admin().send("POST", "/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary,
                HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("id").asText();
    }
}
