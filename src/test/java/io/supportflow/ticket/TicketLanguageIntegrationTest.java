package io.supportflow.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.customer.CustomerDirectory;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A ticket's language: the request's, else the requester's, else guessed from the text, else the default;
 * shown in the ticket and changed by agents like any other field.
 */
@IntegrationTest
class TicketLanguageIntegrationTest {

    static final String FRENCH_SUBJECT = "Imprimante en panne";
    static final String FRENCH_TEXT = "Bonjour, mon imprimante ne fonctionne plus depuis ce matin. Pouvez-vous nous aider ?";
    static final String ENGLISH_TEXT = "Hello, the printer is broken since this morning. Can you help us?";

    @LocalServerPort int port;
    @Autowired CustomerDirectory customers;
    @Autowired JdbcClient jdbc;

    final String marker = UUID.randomUUID().toString().substring(0, 8);

    Api admin() {
        return Api.as(port, "demo");
    }

    String email(String who) {
        return who + "-" + marker + "@language.example";
    }

    Map<String, Object> ticket(String email, String subject, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("subject", subject + " " + marker);
        body.put("description", description);
        body.put("requester", Map.of("name", "Lou Langue", "email", email));
        return body;
    }

    JsonNode create(Map<String, Object> body) {
        Api.Response created = admin().post("/api/v1/tickets", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    String customerLanguage(String email) {
        return customers.findByEmail("default", email).orElseThrow().language();
    }

    @Test
    void aFrenchTextFromAnUnknownRequesterIsGuessedFrenchAndTheCustomerIsLeftAlone() {
        String email = email("unknown");
        JsonNode ticket = create(ticket(email, FRENCH_SUBJECT, FRENCH_TEXT));
        assertThat(ticket.get("language").asText()).isEqualTo("fr");
        assertThat(customerLanguage(email)).as("a guess never becomes the customer's language").isNull();

        assertThat(create(ticket(email("english"), "Printer broken", ENGLISH_TEXT)).get("language").asText()).isEqualTo("en");
        assertThat(create(ticket(email("clueless"), "SN-4711", "E-2042 / 0x1F")).get("language").asText())
                .as("nothing to go by: supportflow.tickets.default-language").isEqualTo("en");
    }

    @Test
    void theRequestersLanguageWinsOverTheTextAndAnExplicitLanguageWinsOverBoth() {
        String email = email("francophone");
        long customer = customers.findOrAdd("default", "Lou Langue", email).id();
        customers.setLanguage("default", customer, "fr");

        assertThat(create(ticket(email, "Printer broken", ENGLISH_TEXT)).get("language").asText())
                .as("the customer's profile").isEqualTo("fr");

        Map<String, Object> explicit = ticket(email, FRENCH_SUBJECT, FRENCH_TEXT);
        explicit.put("language", "de");
        assertThat(create(explicit).get("language").asText()).as("the request names it").isEqualTo("de");
        assertThat(customerLanguage(email)).as("an explicit ticket language never changes the customer's").isEqualTo("fr");
    }

    @Test
    void agentsChangeTheLanguageAndTheChangeIsLogged() {
        String number = create(ticket(email("patch"), "Printer broken", ENGLISH_TEXT)).get("number").asText();
        String path = "/api/v1/tickets/" + number;

        Api.Response changed = admin().patch(path, Map.of("language", "fr"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("language").asText()).isEqualTo("fr");
        assertThat(admin().get(path).json().get("language").asText()).isEqualTo("fr");
        JsonNode entry = null;
        for (JsonNode e : admin().get(path + "/activity").json()) {
            if ("language".equals(e.path("field").asText())) {
                entry = e;
            }
        }
        assertThat(entry).as("the language change in the activity log").isNotNull();
        assertThat(entry.get("action").asText()).isEqualTo("changed");
        assertThat(entry.get("from").asText()).isEqualTo("en");
        assertThat(entry.get("to").asText()).isEqualTo("fr");
        assertThat(entry.get("actor").asText()).isEqualTo("demo");

        Map<String, Object> keep = new HashMap<>();
        keep.put("language", null);
        assertThat(admin().patch(path, keep).json().get("language").asText()).as("null leaves it as is").isEqualTo("fr");
    }

    @Test
    void badLanguagesAreProblemDetailsAndChangeNothing() {
        String email = email("bad");
        String number = create(ticket(email, "Printer broken", ENGLISH_TEXT)).get("number").asText();
        String path = "/api/v1/tickets/" + number;
        for (Object bad : List.of("FR", "fra", "", " fr", "f", "e1", "<script>alert(1)</script>", "fr'; DROP TABLE ticket; --",
                "../../etc/passwd", "x".repeat(10_000), 42, true, List.of("fr"), Map.of("code", "fr"))) {
            Api.Response patched = admin().patch(path, Map.of("language", bad));
            assertThat(patched.status()).as("PATCH %s", bad).isEqualTo(400);
            assertThat(patched.header("Content-Type")).startsWith("application/problem+json");
            assertThat(patched.body()).doesNotContain("<script>");

            Map<String, Object> body = ticket(email, "Bad language", ENGLISH_TEXT);
            body.put("language", bad);
            Api.Response created = admin().post("/api/v1/tickets", body);
            assertThat(created.status()).as("POST %s", bad).isEqualTo(400);
            assertThat(created.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(admin().get(path).json().get("language").asText()).isEqualTo("en");
        assertThat(jdbc.sql("SELECT count(*) FROM ticket WHERE requester_email = ?").param(email).query(Long.class).single())
                .as("no ticket was created by a refused request").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM ticket_activity a JOIN ticket t ON t.id = a.ticket_id WHERE t.number = ? AND a.field = 'language'")
                .param(number).query(Long.class).single()).isZero();
    }
}
