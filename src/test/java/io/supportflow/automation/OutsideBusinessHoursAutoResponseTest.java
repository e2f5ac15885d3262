package io.supportflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The "outside business hours" auto-response on real tickets: the businessHours condition reads the team's
 * SLA business calendar (here the tenant's default "Standard hours", Monday to Friday 09:00–17:00 UTC) at the
 * engine's clock, which the tests move.
 */
@IntegrationTest
class OutsideBusinessHoursAutoResponseTest {

    static final String RULES = "/api/v1/admin/automations";
    static final Instant SATURDAY_NIGHT = Instant.parse("2026-11-21T23:30:00Z");
    static final Instant WEDNESDAY_MORNING = Instant.parse("2026-11-18T10:00:00Z");

    @LocalServerPort int port;

    final String marker = "bh" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final List<Long> rules = new ArrayList<>();

    Api admin() {
        return Api.as(port, "demo");
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        rules.forEach(id -> admin().delete(RULES + "/" + id));
    }

    /** The example of the README: the ready-made response to tickets that arrive while the team is closed. */
    void autoResponseRule(String language, String hours, Map<String, Object> action) {
        Api.Response created = admin().post(RULES, Map.of("name", "Auto-response " + language + " " + hours + " " + marker,
                "trigger", "TICKET_CREATED", "match", "ALL",
                "conditions", List.of(Map.of("field", "subject", "operator", "CONTAINS", "values", List.of(marker)),
                        Map.of("field", "businessHours", "operator", "EQUALS", "values", List.of(hours))),
                "actions", List.of(action)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        rules.add(created.json().get("id").asLong());
    }

    static Map<String, Object> response(String language) {
        return Map.of("type", "SEND_REPLY", "params", Map.of("response", "outside_business_hours", "language", language));
    }

    String ticketAt(Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
        Api.Response created = admin().post("/api/v1/tickets", Map.of("subject", "Printer down " + marker,
                "description", "It beeps", "requester", Map.of("name", "Jane Doe", "email", "jane@acme.example"),
                "category", "general"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ClockUtil.reset();
        return created.json().get("number").asText();
    }

    List<String> publicReplies(String number) {
        List<String> replies = new ArrayList<>();
        for (JsonNode m : admin().get("/api/v1/tickets/" + number + "/messages").json()) {
            if (!m.get("internal").asBoolean() && m.get("author").asText().contains(marker)) {
                replies.add(m.get("bodyText").asText());
            }
        }
        return replies;
    }

    @ParameterizedTest
    @CsvSource({"en, 'Hello Jane Doe,', outside our business hours", "fr, 'Bonjour Jane Doe,', en dehors de nos heures d'ouverture"})
    void outsideBusinessHoursTheCustomerGetsTheAutoResponseInTheRulesLanguage(String language, String greeting, String phrase) {
        autoResponseRule(language, "outside", response(language));

        String number = ticketAt(SATURDAY_NIGHT);

        assertThat(publicReplies(number)).singleElement().satisfies(body -> assertThat(body).startsWith(greeting)
                .contains(phrase, number, "Printer down " + marker).doesNotContain("{{"));
    }

    static Map<String, Object> responseInTheTicketsLanguage() {
        return Map.of("type", "SEND_REPLY", "params", Map.of("response", "outside_business_hours"));
    }

    String ticketAt(Instant now, String email, String subject, String description) {
        ClockUtil.setCurrentTime(Date.from(now));
        Api.Response created = admin().post("/api/v1/tickets", Map.of("subject", subject + " " + marker,
                "description", description, "requester", Map.of("name", "Jean Nuit", "email", email), "category", "general"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ClockUtil.reset();
        return created.json().get("number").asText();
    }

    @Test
    void withoutALanguageInTheRuleTheAutoResponseIsInTheTicketsLanguage() {
        autoResponseRule("ticket", "outside", responseInTheTicketsLanguage());

        String french = ticketAt(SATURDAY_NIGHT, "nuit-" + marker + "@unknown.example", "Imprimante en panne",
                "Bonjour, mon imprimante ne fonctionne plus depuis ce soir. Pouvez-vous nous aider ?");
        assertThat(admin().get("/api/v1/tickets/" + french).json().get("language").asText()).as("guessed from the text").isEqualTo("fr");
        assertThat(publicReplies(french)).singleElement().satisfies(body -> assertThat(body).startsWith("Bonjour Jean Nuit,")
                .contains("en dehors de nos heures d'ouverture", french));

        String english = ticketAt(SATURDAY_NIGHT, "night-" + marker + "@unknown.example", "Printer down",
                "Hello, my printer stopped working this evening. Can you help us?");
        assertThat(publicReplies(english)).singleElement().satisfies(body -> assertThat(body).startsWith("Hello Jean Nuit,"));
    }

    @Test
    void theRulesOwnLanguageWinsOverTheTicketsLanguage() {
        autoResponseRule("en", "outside", response("en"));

        String french = ticketAt(SATURDAY_NIGHT, "nuit-" + marker + "@unknown.example", "Imprimante en panne",
                "Bonjour, mon imprimante ne fonctionne plus depuis ce soir. Pouvez-vous nous aider ?");
        assertThat(admin().get("/api/v1/tickets/" + french).json().get("language").asText()).isEqualTo("fr");
        assertThat(publicReplies(french)).singleElement().satisfies(body -> assertThat(body).startsWith("Hello Jean Nuit,")
                .contains("outside our business hours"));
    }

    @Test
    void insideBusinessHoursTheOutsideRuleStaysQuietAndAnInsideRuleMatches() {
        autoResponseRule("en", "outside", response("en"));
        autoResponseRule("en", "inside", Map.of("type", "ADD_TAGS", "params", Map.of("tags", List.of("open-hours"))));

        String number = ticketAt(WEDNESDAY_MORNING);

        assertThat(publicReplies(number)).isEmpty();
        assertThat(admin().get("/api/v1/tickets/" + number).json().get("tags").toString()).contains("open-hours");
    }

    @Test
    void anUnknownResponseOrLanguageIsRejected() {
        Api.Response wrong = admin().post(RULES, Map.of("name", "Bad " + marker, "trigger", "TICKET_CREATED",
                "conditions", List.of(Map.of("field", "businessHours", "operator", "CONTAINS", "values", List.of("out"))),
                "actions", List.of(response("en"))));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("EQUALS or NOT_EQUALS");
        Api.Response german = admin().post(RULES, Map.of("name", "Bad " + marker, "trigger", "TICKET_CREATED",
                "actions", List.of(response("de"))));
        assertThat(german.status()).isEqualTo(400);
        assertThat(german.body()).contains("en, fr");
    }
}
