package io.supportflow.survey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.mail.MailOutbox;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import io.supportflow.ticket.TicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Surveys end to end on the real engine: a ticket resolved through the agents' API, the survey mail, its
 * signed link followed without signing in, the answer and its update, the ticket's activity, the agents'
 * views and the summary figures; and every way to get it wrong.
 */
@IntegrationTest
class SurveyApiIntegrationTest {

    @LocalServerPort int port;
    @Autowired ManagementService management;
    @Autowired SurveyRepository surveys;
    @Autowired MailOutbox outbox;
    @Autowired SurveySettings settings;
    @Autowired TicketService tickets;
    @Autowired JdbcClient jdbc;

    SurveyFixture fixture;

    @BeforeEach
    void init() {
        fixture = new SurveyFixture(port, surveys, management, outbox);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void csatIsMailedAnsweredThroughTheLinkAndUpdatedNeverDuplicated() {
        String email = SurveyFixture.uniqueEmail();
        String number = fixture.newTicket(email, "billing", "Invoice <b>twice</b>");
        fixture.resolve(number);
        Survey survey = fixture.survey(number, Survey.Kind.CSAT);
        assertThat(survey.state()).isEqualTo(Survey.State.PENDING);
        assertThat(survey.recipient()).isEqualTo(email);
        fixture.runSendStep(survey);

        String mail = outbox.storedText("survey:" + survey.id()).orElseThrow();
        assertThat(mail).contains(number).contains("Invoice <b>twice</b>").contains("Sam Survey").contains("14 days");
        String link = fixture.link(survey);
        assertThat(link).startsWith("http://localhost:" + port + "/portal/survey.html?t=" + survey.id() + ".");
        String token = fixture.token(survey);
        String api = "/api/portal/v1/surveys/" + token;

        // the page itself is public, and so is the survey's API, for the holder of the link
        assertThat(Api.anonymous(port).get("/portal/survey.html").status()).isEqualTo(200);
        Api customer = Api.browser(port);
        Api.Response opened = customer.get(api);
        assertThat(opened.status()).as(opened.body()).isEqualTo(200);
        JsonNode view = opened.json();
        // what the page needs, nothing internal (no ids, no team, no agent); "answer" appears once answered
        assertThat(fieldNames(view)).containsExactlyInAnyOrder("kind", "min", "max", "ticketNumber", "subject", "expiresAt");
        assertThat(view.get("kind").asText()).isEqualTo("CSAT");
        assertThat(view.get("min").asInt()).isEqualTo(1);
        assertThat(view.get("max").asInt()).isEqualTo(5);
        assertThat(view.get("ticketNumber").asText()).isEqualTo(number);
        assertThat(view.get("subject").asText()).isEqualTo("Invoice <b>twice</b>");
        assertThat(view.has("answer")).isFalse();

        // a change without the CSRF header is refused (another site cannot answer for the customer)
        assertThat(Api.anonymous(port).post(api, Map.of("score", 1)).status()).isEqualTo(403);
        assertThat(surveys.find(survey.id()).orElseThrow().answered()).isFalse();

        Api.Response answered = customer.post(api, Map.of("score", 4, "comment", "Quick and kind.\nThanks!"));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().at("/answer/score").asInt()).isEqualTo(4);
        assertThat(answered.json().at("/answer/comment").asText()).isEqualTo("Quick and kind.\nThanks!");
        Instant firstAnsweredAt = Instant.parse(answered.json().at("/answer/answeredAt").asText());

        // re-opened: the page gets the answer given
        assertThat(customer.get(api).json().at("/answer/score").asInt()).isEqualTo(4);

        // a second answer updates the first
        Api.Response changed = customer.post(api, Map.of("score", 2, "comment", "Actually the refund never came."));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().at("/answer/score").asInt()).isEqualTo(2);
        assertThat(Instant.parse(changed.json().at("/answer/answeredAt").asText())).isEqualTo(firstAnsweredAt);
        // the same answer again changes nothing
        assertThat(customer.post(api, Map.of("score", 2, "comment", "Actually the refund never came.")).status()).isEqualTo(200);

        JsonNode agentView = fixture.ticketSurveys(number);
        JsonNode csat = agentView.get("csat");
        assertThat(csat.get("id").asLong()).isEqualTo(survey.id());
        assertThat(csat.get("state").asText()).isEqualTo("ANSWERED");
        assertThat(csat.get("score").asInt()).isEqualTo(2);
        assertThat(csat.get("comment").asText()).isEqualTo("Actually the refund never came.");
        assertThat(csat.get("sentAt").asText()).isNotEmpty();
        assertThat(countOf(number, Survey.Kind.CSAT)).isEqualTo(1);

        // the answers are on the ticket's activity log, as the customer
        List<String> entries = new ArrayList<>();
        for (JsonNode a : fixture.admin().get("/api/v1/tickets/" + number + "/activity").json()) {
            if (a.get("action").asText().equals("csat_answered")) {
                entries.add(a.get("field").asText() + ":" + a.path("from").asText("") + "->" + a.path("to").asText(""));
            }
        }
        assertThat(entries).containsExactly("score:->4", "comment:->Quick and kind.\nThanks!", "score:4->2",
                "comment:Quick and kind.\nThanks!->Actually the refund never came.");

        // reopened and resolved again: the answered survey stays the ticket's only CSAT survey
        fixture.reopen(number);
        fixture.resolve(number);
        assertThat(countOf(number, Survey.Kind.CSAT)).isEqualTo(1);
        assertThat(fixture.ticketSurveys(number).at("/csat/id").asLong()).isEqualTo(survey.id());
    }

    @Test
    void anUnansweredLiveSurveyIsNotSentTwiceWhenTheTicketIsResolvedAgain() {
        Survey survey = fixture.sentCsat(SurveyFixture.uniqueEmail(), "technical", "Flaky VPN");
        String number = tickets.numberOf(survey.ticketId()).orElseThrow();
        fixture.reopen(number);
        fixture.resolve(number);
        assertThat(countOf(number, Survey.Kind.CSAT)).isEqualTo(1);
        // and the first link still works
        assertThat(fixture.answer(fixture.token(survey), Map.of("score", 5)).status()).isEqualTo(200);
    }

    @Test
    void tamperedExpiredForeignAndMalformedTokensAreAll404() {
        Survey mine = fixture.sentCsat(SurveyFixture.uniqueEmail(), "billing", "Mine");
        Survey other = fixture.sentCsat(SurveyFixture.uniqueEmail(), "billing", "Other");
        String token = fixture.token(mine);
        String otherToken = fixture.token(other);
        String[] parts = token.split("\\.");
        String[] otherParts = otherToken.split("\\.");
        char last = parts[2].charAt(10);
        String flipped = parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);

        List<String> bad = List.of(
                parts[0] + "." + parts[1] + "." + flipped,                        // signature changed
                otherParts[0] + "." + parts[1] + "." + parts[2],                 // another survey's id, my signature
                parts[0] + "." + (Long.parseLong(parts[1]) + 86400) + "." + parts[2], // expiry pushed back
                parts[0] + "." + otherParts[1] + "." + otherParts[2],            // my id, another survey's signature
                token + "x", "x" + token, "abc", "0.0.0", "1' OR '1'='1", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "<script>alert(1)</script>", "9".repeat(5000));
        for (String raw : bad) {
            String t = java.net.URLEncoder.encode(raw, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
            Api.Response get = Api.browser(port).get("/api/portal/v1/surveys/" + t);
            assertThat(get.status()).as("GET %s: %s", t, get.body()).isIn(400, 404);
            if (get.status() == 404) {
                assertThat(get.header("Content-Type")).startsWith("application/problem+json");
                assertThat(get.json().get("detail").asText()).isEqualTo("This survey link is not valid (any more).");
            }
            assertThat(fixture.answer(t, Map.of("score", 1)).status()).as("POST %s", t).isIn(400, 404);
        }
        // raw traversal in the path
        for (String path : List.of("/api/portal/v1/surveys/..%2F..%2Fapi%2Fv1%2Ftickets", "/api/portal/v1/surveys/%00",
                "/api/portal/v1/surveys/" + token + "/../../v1/auth/session")) {
            assertThat(Api.browser(port).get(path).status()).as(path).isIn(400, 401, 404);
        }
        assertThat(surveys.find(mine.id()).orElseThrow().answered()).isFalse();
        assertThat(surveys.find(other.id()).orElseThrow().answered()).isFalse();

        // the other ticket's link answers the other ticket's survey only
        assertThat(fixture.answer(otherToken, Map.of("score", 3)).status()).isEqualTo(200);
        assertThat(surveys.find(other.id()).orElseThrow().score()).isEqualTo(3);
        assertThat(surveys.find(mine.id()).orElseThrow().answered()).isFalse();

        // expired: the same link stops working at its expiry, and says no more than a forged one
        ClockUtil.setCurrentTime(Date.from(mine.expiresAt().minusSeconds(1)));
        assertThat(Api.browser(port).get("/api/portal/v1/surveys/" + token).status()).isEqualTo(200);
        ClockUtil.setCurrentTime(Date.from(mine.expiresAt()));
        Api.Response expired = Api.browser(port).get("/api/portal/v1/surveys/" + token);
        Api.Response forged = Api.browser(port).get("/api/portal/v1/surveys/" + parts[0] + "." + parts[1] + "." + flipped);
        assertThat(expired.status()).isEqualTo(404);
        assertThat(expired.json().get("detail")).isEqualTo(forged.json().get("detail"));
        assertThat(fixture.answer(token, Map.of("score", 5)).status()).isEqualTo(404);
        assertThat(surveys.find(mine.id()).orElseThrow().answered()).isFalse();
    }

    @Test
    void wrongTypesMissingFieldsOutOfRangeAndHugeAnswersAreRefusedAndKeepTheStoredAnswer() {
        Survey survey = fixture.sentCsat(SurveyFixture.uniqueEmail(), "billing", "Validation");
        String token = fixture.token(survey);
        Api customer = fixture.customerBrowser(token);
        String api = "/api/portal/v1/surveys/" + token;
        assertThat(customer.post(api, Map.of("score", 3, "comment", "Fine.")).status()).isEqualTo(200);

        Map<String, Object> tooLong = Map.of("score", 1, "comment", "x".repeat(2001));
        List<Object> bodies = new ArrayList<>(List.of(
                Map.of("score", "5"), Map.of("score", 4.5), Map.of("score", true), Map.of("score", List.of(5)),
                Map.of("comment", "no score"), Map.of(), Map.of("score", 0), Map.of("score", 6), Map.of("score", -1),
                Map.of("score", Long.MAX_VALUE), Map.of("score", 5, "comment", 42), Map.of("score", 5, "extra", "field"),
                tooLong, "not json", "{\"score\": 5", "[5]", "null", "{\"score\": 5, \"comment\": \"a\\u0000b\"}"));
        Map<String, Object> huge = new HashMap<>();
        huge.put("score", 1);
        huge.put("comment", "y".repeat(3_000_000));
        bodies.add(huge);
        for (Object body : bodies) {
            Api.Response r = customer.post(api, body);
            String shown = String.valueOf(body);
            assertThat(r.status()).as("%s -> %s", shown.substring(0, Math.min(80, shown.length())), r.body()).isIn(400, 413);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
        Api.Response tooLongAnswer = customer.post(api, tooLong);
        assertThat(tooLongAnswer.body()).contains("comment");
        Api.Response outOfRange = customer.post(api, Map.of("score", 6));
        assertThat(outOfRange.body()).contains("score");

        Survey kept = surveys.find(survey.id()).orElseThrow();
        assertThat(kept.score()).isEqualTo(3);
        assertThat(kept.comment()).isEqualTo("Fine.");

        // exactly 2000 characters is fine; an empty comment removes it
        assertThat(customer.post(api, Map.of("score", 5, "comment", "z".repeat(2000))).status()).isEqualTo(200);
        assertThat(surveys.find(survey.id()).orElseThrow().comment()).hasSize(2000);
        Map<String, Object> noComment = new HashMap<>();
        noComment.put("score", 5);
        noComment.put("comment", "   ");
        assertThat(customer.post(api, noComment).status()).isEqualTo(200);
        assertThat(surveys.find(survey.id()).orElseThrow().comment()).isNull();
    }

    @Test
    void hostileCommentsAreStoredAsTextAndHarmNothing() {
        Survey survey = fixture.sentCsat(SurveyFixture.uniqueEmail(), "billing", "Hostile");
        String token = fixture.token(survey);
        String hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> '; DROP TABLE survey; -- \u202e ../../etc/passwd";
        Api.Response r = fixture.answer(token, Map.of("score", 1, "comment", hostile));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/answer/comment").asText()).isEqualTo(hostile);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(surveys.find(survey.id()).orElseThrow().comment()).isEqualTo(hostile);
        // the table is still there, with every other survey
        assertThat(surveys.find(survey.id() - 1)).isPresent();
        // control characters other than line breaks and tabs are dropped
        assertThat(fixture.answer(token, Map.of("score", 1, "comment", "a\u0007b\r\nc\td")).json().at("/answer/comment").asText())
                .isEqualTo("ab\nc\td");
    }

    @Test
    void npsGoesToACustomerAtMostOncePerInterval() {
        String email = SurveyFixture.uniqueEmail();
        String first = fixture.newTicket(email, "billing", "First");
        fixture.resolve(first);
        Survey nps = fixture.survey(first, Survey.Kind.NPS);
        fixture.runSendStep(nps);
        assertThat(outbox.storedText("survey:" + nps.id()).orElseThrow()).contains("0 to 10");
        JsonNode view = Api.browser(port).get("/api/portal/v1/surveys/" + fixture.token(nps)).json();
        assertThat(view.get("kind").asText()).isEqualTo("NPS");
        assertThat(view.get("min").asInt()).isZero();
        assertThat(view.get("max").asInt()).isEqualTo(10);
        assertThat(fixture.answer(fixture.token(nps), Map.of("score", 11)).status()).isEqualTo(400);
        assertThat(fixture.answer(fixture.token(nps), Map.of("score", 0)).status()).isEqualTo(200);
        assertThat(fixture.ticketSurveys(first).at("/nps/score").asInt()).isZero();
        assertThat(activity(first, "nps_answered")).containsExactly("score:->0");

        // the same customer (the address in another case) within the interval: CSAT yes, NPS no
        String second = fixture.newTicket(email.toUpperCase(), "billing", "Second");
        ClockUtil.setCurrentTime(Date.from(nps.createdAt().plus(settings.npsInterval()).minusSeconds(60)));
        fixture.resolve(second);
        assertThat(fixture.ticketSurveys(second).hasNonNull("nps")).isFalse();
        assertThat(fixture.ticketSurveys(second).hasNonNull("csat")).isTrue();

        // once the interval has passed: NPS again
        String third = fixture.newTicket(email, "technical", "Third");
        ClockUtil.setCurrentTime(Date.from(nps.createdAt().plus(settings.npsInterval()).plusSeconds(60)));
        fixture.resolve(third);
        Survey again = fixture.survey(third, Survey.Kind.NPS);
        assertThat(again.id()).isNotEqualTo(nps.id());
        // every requester is a customer (found or added by address, case-insensitively), so the key is the customer's
        assertThat(again.customerKey()).isEqualTo(nps.customerKey()).startsWith("customer:");
        // another customer is not held back by this one
        String stranger = fixture.newTicket(SurveyFixture.uniqueEmail(), "billing", "Stranger");
        fixture.resolve(stranger);
        assertThat(fixture.ticketSurveys(stranger).hasNonNull("nps")).isTrue();
    }

    @Test
    void summaryFiguresAreExactForThePeriodAndTeam() {
        Instant from = Instant.now();
        // billing: CSAT 5, 4, 2 and NPS 10, 9, 3; technical: one CSAT and one NPS sent, unanswered; one more resolved, not sent
        int[][] billing = {{5, 10}, {4, 9}, {2, 3}};
        String billingTeam = null;
        for (int[] answer : billing) {
            String number = fixture.newTicket(SurveyFixture.uniqueEmail(), "billing", "Summary billing");
            billingTeam = fixture.admin().get("/api/v1/tickets/" + number).json().get("team").asText();
            fixture.resolve(number);
            for (Survey.Kind kind : Survey.Kind.values()) {
                Survey s = fixture.survey(number, kind);
                fixture.runSendStep(s);
                assertThat(fixture.answer(fixture.token(s), Map.of("score", answer[kind.ordinal()])).status()).isEqualTo(200);
            }
        }
        String technical = fixture.newTicket(SurveyFixture.uniqueEmail(), "technical", "Summary technical");
        fixture.resolve(technical);
        fixture.runSendStep(fixture.survey(technical, Survey.Kind.CSAT));
        fixture.runSendStep(fixture.survey(technical, Survey.Kind.NPS));
        String notSent = fixture.newTicket(SurveyFixture.uniqueEmail(), "technical", "Summary not sent");
        fixture.resolve(notSent);
        Instant to = Instant.now().plusMillis(1);
        assertThat(billingTeam).isNotEqualTo(fixture.admin().get("/api/v1/tickets/" + technical).json().get("team").asText());

        JsonNode all = summary("from=" + from + "&to=" + to);
        JsonNode csat = all.get("csat");
        assertThat(csat.get("sent").asLong()).isEqualTo(4);
        assertThat(csat.get("responses").asLong()).isEqualTo(3);
        assertThat(csat.get("responseRate").decimalValue()).isEqualByComparingTo("0.750");
        assertThat(csat.get("average").decimalValue()).isEqualByComparingTo("3.67");
        assertThat(csat.get("satisfiedPercent").decimalValue()).isEqualByComparingTo("66.7");
        assertThat(csat.get("counts").toString()).isEqualTo("{\"1\":0,\"2\":1,\"3\":0,\"4\":1,\"5\":1}");
        JsonNode nps = all.get("nps");
        assertThat(nps.get("sent").asLong()).isEqualTo(4);
        assertThat(nps.get("responses").asLong()).isEqualTo(3);
        assertThat(nps.get("responseRate").decimalValue()).isEqualByComparingTo("0.750");
        assertThat(nps.get("promoters").asLong()).isEqualTo(2);
        assertThat(nps.get("passives").asLong()).isZero();
        assertThat(nps.get("detractors").asLong()).isEqualTo(1);
        assertThat(nps.get("score").decimalValue()).isEqualByComparingTo("33.3");
        assertThat(nps.get("counts").size()).isEqualTo(11);
        assertThat(nps.at("/counts/10").asLong()).isEqualTo(1);
        assertThat(nps.at("/counts/9").asLong()).isEqualTo(1);
        assertThat(nps.at("/counts/3").asLong()).isEqualTo(1);

        JsonNode team = summary("from=" + from + "&to=" + to + "&team=" + billingTeam);
        assertThat(team.get("team").asText()).isEqualTo(billingTeam);
        assertThat(team.at("/csat/sent").asLong()).isEqualTo(3);
        assertThat(team.at("/csat/responseRate").decimalValue()).isEqualByComparingTo("1.000");
        assertThat(team.at("/nps/score").decimalValue()).isEqualByComparingTo("33.3");

        // a period without surveys: zero counts, and no made-up percentages
        JsonNode empty = summary("from=2001-01-01T00:00:00Z&to=2001-02-01T00:00:00Z");
        assertThat(empty.at("/csat/sent").asLong()).isZero();
        assertThat(empty.get("csat").hasNonNull("satisfiedPercent")).isFalse();
        assertThat(empty.get("csat").hasNonNull("average")).isFalse();
        assertThat(empty.get("csat").hasNonNull("responseRate")).isFalse();
        assertThat(empty.get("nps").hasNonNull("score")).isFalse();
    }

    @Test
    void summaryAndTicketSurveyAreForAgentsWithClearErrors() {
        assertThat(Api.anonymous(port).get("/api/v1/surveys/summary").status()).isEqualTo(401);
        assertThat(Api.as(port, "alice").get("/api/v1/surveys/summary").status()).isEqualTo(200);
        for (String query : List.of("from=yesterday", "to=2020-13-01T00:00:00Z", "from=2030-01-01T00:00:00Z&to=2029-01-01T00:00:00Z",
                "from=1900-01-01T00:00:00Z&to=2030-01-01T00:00:00Z", "team=%3Cscript%3E", "team=x'%20OR%201=1--",
                "team=..%2F..%2Fetc")) {
            Api.Response r = fixture.admin().get("/api/v1/surveys/summary?" + query);
            assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }

        String number = fixture.newTicket(SurveyFixture.uniqueEmail(), "billing", "Visibility");
        fixture.resolve(number);
        // alice (billing) sees the billing ticket's survey; bob (technical) does not see the ticket at all
        assertThat(Api.as(port, "alice").get("/api/v1/tickets/" + number + "/survey").status()).isEqualTo(200);
        Api.Response bob = Api.as(port, "bob").get("/api/v1/tickets/" + number + "/survey");
        assertThat(bob.status()).isEqualTo(404);
        assertThat(Api.anonymous(port).get("/api/v1/tickets/" + number + "/survey").status()).isEqualTo(401);
        assertThat(fixture.admin().get("/api/v1/tickets/NOPE-0/survey").status()).isEqualTo(404);
        assertThat(fixture.admin().get("/api/v1/tickets/%3Cscript%3E/survey").status()).isEqualTo(400);
        // a ticket that was never resolved has no survey
        String open = fixture.newTicket(SurveyFixture.uniqueEmail(), "billing", "Open");
        JsonNode none = fixture.ticketSurveys(open);
        assertThat(none.hasNonNull("csat")).isFalse();
        assertThat(none.hasNonNull("nps")).isFalse();
    }

    private JsonNode summary(String query) {
        Api.Response r = Api.as(port, "alice").get("/api/v1/surveys/summary?" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private List<String> activity(String number, String action) {
        List<String> entries = new ArrayList<>();
        for (JsonNode a : fixture.admin().get("/api/v1/tickets/" + number + "/activity").json()) {
            if (a.get("action").asText().equals(action)) {
                entries.add(a.get("field").asText() + ":" + a.path("from").asText("") + "->" + a.path("to").asText(""));
            }
        }
        return entries;
    }

    private long countOf(String number, Survey.Kind kind) {
        long id = tickets.findByNumber(number).orElseThrow().getId();
        return jdbc.sql("SELECT count(*) FROM survey WHERE ticket_id = ? AND kind = ?").param(id).param(kind.name())
                .query(Long.class).single();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
