package io.supportflow.survey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.mail.MailOutbox;
import io.supportflow.support.Api;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** Steps the survey tests share: a ticket resolved through the agents' API, its surveys, their mails and links. */
final class SurveyFixture {

    static final Pattern LINK = Pattern.compile("(http://localhost:\\d+/portal/survey\\.html\\?t=([0-9]+\\.[0-9]+\\.[A-Za-z0-9_-]{43}))");

    final int port;
    final SurveyRepository surveys;
    final ManagementService management;
    final MailOutbox outbox;

    SurveyFixture(int port, SurveyRepository surveys, ManagementService management, MailOutbox outbox) {
        this.port = port;
        this.surveys = surveys;
        this.management = management;
        this.outbox = outbox;
    }

    Api admin() {
        return Api.as(port, "demo");
    }

    static String uniqueEmail() {
        return "survey-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    String newTicket(String email, String category, String subject) {
        Api.Response r = admin().post("/api/v1/tickets", Map.of("subject", subject, "description", "Please help.",
                "requester", Map.of("name", "Sam Survey", "email", email), "category", category));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("number").asText();
    }

    void resolve(String number) {
        Api.Response r = admin().patch("/api/v1/tickets/" + number, Map.of("status", "RESOLVED"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("RESOLVED");
    }

    /** The customer writes again: a resolved ticket reopens. */
    void reopen(String number) {
        Api.Response r = admin().post("/api/v1/tickets/" + number + "/messages", Map.of("body", "Still broken.", "authorType", "CUSTOMER"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(admin().get("/api/v1/tickets/" + number).json().get("status").asText()).isEqualTo("OPEN");
    }

    /** The agents' view of the ticket's surveys. */
    JsonNode ticketSurveys(String number) {
        Api.Response r = admin().get("/api/v1/tickets/" + number + "/survey");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    Survey survey(String number, Survey.Kind kind) {
        JsonNode view = ticketSurveys(number).get(kind.name().toLowerCase());
        assertThat(view).as("a %s survey for %s", kind, number).isNotNull();
        return surveys.find(view.get("id").asLong()).orElseThrow();
    }

    /** Runs the survey's asynchronous "Send survey" step, as the job executor would. */
    void runSendStep(Survey survey) {
        Job job = management.createJobQuery().processInstanceId(survey.processInstanceId()).singleResult();
        assertThat(job).as("the send job of survey %d", survey.id()).isNotNull();
        management.executeJob(job.getId());
    }

    /** The link in the survey's stored mail (the test follows it as the customer would). */
    String link(Survey survey) {
        String text = outbox.storedText("survey:" + survey.id()).orElseThrow(() -> new AssertionError("no mail for survey " + survey.id()));
        Matcher m = LINK.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    String token(Survey survey) {
        Matcher m = LINK.matcher(link(survey));
        assertThat(m.find()).isTrue();
        return m.group(2);
    }

    /** Resolves a new ticket, sends its CSAT survey and returns it, mailed. */
    Survey sentCsat(String email, String category, String subject) {
        String number = newTicket(email, category, subject);
        resolve(number);
        Survey survey = survey(number, Survey.Kind.CSAT);
        runSendStep(survey);
        return surveys.find(survey.id()).orElseThrow();
    }

    /** A browser-like anonymous client that holds the CSRF cookie (as the survey page does after loading). */
    Api customerBrowser(String token) {
        Api browser = Api.browser(port);
        assertThat(browser.get("/api/portal/v1/surveys/" + token).status()).isEqualTo(200);
        assertThat(browser.cookie("XSRF-TOKEN")).isNotNull();
        return browser;
    }

    Api.Response answer(String token, Object body) {
        Api browser = Api.browser(port);
        browser.get("/api/portal/v1/surveys/" + token);
        return browser.post("/api/portal/v1/surveys/" + token, body);
    }
}
