package io.supportflow.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.customer.CustomerAccounts;
import io.supportflow.portal.PortalFixtures.Customer;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class PortalProfileBrandingDeflectionIntegrationTest {

    static final String PASSWORD_ARTICLE = "resetting-your-password";

    @LocalServerPort
    int port;

    @Autowired
    CustomerAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCustomerChangesTheirNameAndLanguage() {
        Customer pat = PortalFixtures.customer(port, accounts, "Pat Profile", "profile-tests.example");
        JsonNode profile = pat.api().get("/api/portal/v1/profile").json();
        assertThat(profile.path("name").asText()).isEqualTo("Pat Profile");
        assertThat(profile.path("email").asText()).isEqualTo(pat.email());
        assertThat(profile.hasNonNull("preferredLanguage")).isFalse();

        JsonNode changed = pat.api().patch("/api/portal/v1/profile", Map.of("name", " Patricia <b>Profile</b> ", "preferredLanguage", "fr")).json();
        assertThat(changed.path("name").asText()).isEqualTo("Patricia <b>Profile</b>");
        assertThat(changed.path("preferredLanguage").asText()).isEqualTo("fr");
        assertThat(pat.api().patch("/api/portal/v1/profile", Map.of("preferredLanguage", "en")).json().path("name").asText())
                .isEqualTo("Patricia <b>Profile</b>");

        // a ticket opened now carries the new name
        String number = PortalFixtures.openTicket(pat, "After renaming", "text");
        assertThat(Api.as(port, "demo").get("/api/v1/tickets/" + number).json().path("requester").path("name").asText())
                .isEqualTo("Patricia <b>Profile</b>");

        for (Object bad : new Object[] {Map.of("preferredLanguage", "de"), Map.of("name", ""), Map.of("name", "   "),
                Map.of("name", "n".repeat(201)), Map.of("name", 42), Map.of("name", "two\nlines"), Map.of("email", "x@example.com"),
                Map.of("preferredLanguage", 1), "{\"name\": \"a\\u0000b\"}", "[]"}) {
            Api.Response response = pat.api().patch("/api/portal/v1/profile", bad);
            assertThat(response.status()).as("%s", bad).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        JsonNode kept = pat.api().get("/api/portal/v1/profile").json();
        assertThat(kept.path("name").asText()).isEqualTo("Patricia <b>Profile</b>");
        assertThat(kept.path("preferredLanguage").asText()).isEqualTo("en");

        // the profile's language is the customer's: their new tickets (and so every mail about them) use it
        assertThat(Api.as(port, "demo").get("/api/v1/tickets/" + number).json().path("language").asText()).isEqualTo("en");
        assertThat(pat.api().patch("/api/portal/v1/profile", Map.of("preferredLanguage", "fr")).json().path("preferredLanguage").asText())
                .isEqualTo("fr");
        assertThat(jdbc.sql("SELECT language FROM customer WHERE id = ?").param(pat.principal().customerId()).query(String.class).single())
                .isEqualTo("fr");
        String french = PortalFixtures.openTicket(pat, "Printer broken", "The printer is broken, please help.");
        assertThat(Api.as(port, "demo").get("/api/v1/tickets/" + french).json().path("language").asText()).isEqualTo("fr");
        assertThat(Api.anonymous(port).get("/api/portal/v1/profile").status()).isEqualTo(401);
    }

    @Test
    void adminsBrandThePortalWithValidatedColours() {
        Api admin = Api.as(port, "demo");
        JsonNode original = Api.anonymous(port).get("/api/portal/v1/branding").json();
        assertThat(original.path("name").asText()).isNotBlank();
        assertThat(original.path("primaryColor").asText()).matches("#[0-9a-f]{6}");
        try {
            Api.Response changed = admin.send("PUT", "/api/v1/admin/branding",
                    Map.of("name", "Acme <Help>", "primaryColor", "#AA3300", "textColor", "#fefefe"));
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            JsonNode branding = Api.anonymous(port).get("/api/portal/v1/branding").json();
            assertThat(branding.path("name").asText()).isEqualTo("Acme <Help>");
            assertThat(branding.path("primaryColor").asText()).isEqualTo("#aa3300");
            assertThat(branding.path("textColor").asText()).isEqualTo("#fefefe");

            for (Object bad : new Object[] {
                    Map.of("name", "x", "primaryColor", "red", "textColor", "#ffffff"),
                    Map.of("name", "x", "primaryColor", "#12345g", "textColor", "#ffffff"),
                    Map.of("name", "x", "primaryColor", "#000000", "textColor", "#fff"),
                    Map.of("name", "x", "primaryColor", "#000000;background:url(javascript:alert(1))", "textColor", "#ffffff"),
                    Map.of("name", "", "primaryColor", "#000000", "textColor", "#ffffff"),
                    Map.of("name", "n".repeat(201), "primaryColor", "#000000", "textColor", "#ffffff"),
                    Map.of("primaryColor", "#000000", "textColor", "#ffffff"),
                    Map.of("name", "x", "primaryColor", "#000000", "textColor", "#ffffff", "logo", "x"),
                    Map.of("name", 1, "primaryColor", "#000000", "textColor", "#ffffff")}) {
                Api.Response response = admin.send("PUT", "/api/v1/admin/branding", bad);
                assertThat(response.status()).as("%s", bad).isEqualTo(400);
                assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            }
            assertThat(Api.anonymous(port).get("/api/portal/v1/branding").json().path("primaryColor").asText()).isEqualTo("#aa3300");
            assertThat(Api.as(port, "alice").send("PUT", "/api/v1/admin/branding",
                    Map.of("name", "x", "primaryColor", "#000000", "textColor", "#ffffff")).status()).isEqualTo(403);
            assertThat(Api.anonymous(port).send("PUT", "/api/v1/admin/branding",
                    Map.of("name", "x", "primaryColor", "#000000", "textColor", "#ffffff")).status()).isEqualTo(401);
        } finally {
            admin.send("PUT", "/api/v1/admin/branding", Map.of("name", original.path("name").asText(),
                    "primaryColor", original.path("primaryColor").asText(), "textColor", original.path("textColor").asText()));
        }
    }

    @Test
    void deflectionsAreRecordedAndTheRateIsReported() {
        Customer pat = PortalFixtures.customer(port, accounts, "Pat Deflect", "deflection-tests.example");
        Api agent = Api.as(port, "alice");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode before = agent.get("/api/v1/kb/deflection?from=" + today + "&to=" + today).json();
        long ticketsBefore = jdbc.sql("SELECT count(*) FROM ticket WHERE customer_id = ?").param(pat.principal().customerId())
                .query(Long.class).single();

        Api.Response solved = pat.api().post("/api/portal/v1/deflections", Map.of("articleSlug", PASSWORD_ARTICLE, "query", "forgot my password"));
        assertThat(solved.status()).as(solved.body()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT count(*) FROM ticket WHERE customer_id = ?").param(pat.principal().customerId())
                .query(Long.class).single()).isEqualTo(ticketsBefore);

        Api.Response created = pat.api().post("/api/portal/v1/tickets", Map.of("subject", "Password reset mail never arrives",
                "description", "I tried the article.", "suggestedArticles", List.of(PASSWORD_ARTICLE, "no-such-article"),
                "suggestionQuery", "password reset"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT article_slugs[1] || '/' || cardinality(article_slugs) FROM kb_deflection WHERE ticket_id = "
                + "(SELECT id FROM ticket WHERE number = ? AND tenant_id = 'default')").param(created.json().path("number").asText())
                .query(String.class).single()).isEqualTo(PASSWORD_ARTICLE + "/1");
        // a ticket without suggestions is no deflection attempt
        PortalFixtures.openTicket(pat, "Unrelated", "No suggestions were shown.");

        JsonNode after = agent.get("/api/v1/kb/deflection?from=" + today + "&to=" + today).json();
        assertThat(after.path("solved").asLong()).isEqualTo(before.path("solved").asLong() + 1);
        assertThat(after.path("ticketsAfterSuggestions").asLong()).isEqualTo(before.path("ticketsAfterSuggestions").asLong() + 1);
        double expected = (double) after.path("solved").asLong()
                / (after.path("solved").asLong() + after.path("ticketsAfterSuggestions").asLong());
        assertThat(after.path("rate").asDouble()).isEqualTo(expected);
        assertThat(after.path("solvedBy").findValuesAsText("slug")).contains(PASSWORD_ARTICLE);
        JsonNode past = agent.get("/api/v1/kb/deflection?from=2020-01-01&to=2020-01-31").json();
        assertThat(past.path("solved").asLong()).isZero();
        assertThat(past.hasNonNull("rate")).isFalse();
        assertThat(agent.get("/api/v1/kb/deflection").status()).isEqualTo(200);

        for (Object bad : new Object[] {Map.of("articleSlug", "no-such-article", "query", "x"), Map.of("articleSlug", "../etc/passwd", "query", "x"),
                Map.of("articleSlug", "<script>", "query", "x"), Map.of("query", "x"), Map.of("articleSlug", PASSWORD_ARTICLE),
                Map.of("articleSlug", PASSWORD_ARTICLE, "query", "q".repeat(501)), Map.of("articleSlug", 7, "query", "x"),
                Map.of("articleSlug", PASSWORD_ARTICLE, "query", "x", "ticket", "y")}) {
            Api.Response response = pat.api().post("/api/portal/v1/deflections", bad);
            assertThat(response.status()).as("%s", bad).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        for (String query : new String[] {"?from=yesterday", "?from=2026-02-30", "?from=2026-05-02&to=2026-05-01", "?from=2020-01-01&to=2026-01-01"}) {
            Api.Response response = agent.get("/api/v1/kb/deflection" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(agent.get("/api/v1/kb/deflection?from=" + today + "&to=" + today).json().path("solved").asLong())
                .isEqualTo(after.path("solved").asLong());
        assertThat(Api.anonymous(port).post("/api/portal/v1/deflections", Map.of("articleSlug", PASSWORD_ARTICLE, "query", "x")).status())
                .isIn(401, 403);
        assertThat(Api.anonymous(port).get("/api/v1/kb/deflection").status()).isEqualTo(401);
    }

    @Test
    void thePortalPagesAreServedWithAStrictPolicy() {
        Api anonymous = Api.anonymous(port);
        Api.Response root = anonymous.get("/portal");
        assertThat(root.status()).isIn(301, 302);
        assertThat(root.header("Location")).endsWith("/portal/");
        Api.Response index = anonymous.get("/portal/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("/portal/js/tickets.js");
        assertThat(index.header("Content-Security-Policy")).contains("script-src 'self'");
        for (String page : new String[] {"index.html", "ticket.html", "new.html", "kb.html", "profile.html"}) {
            Api.Response response = anonymous.get("/portal/" + page);
            assertThat(response.status()).as(page).isEqualTo(200);
            assertThat(response.body()).as(page).doesNotContain("style=").doesNotContainPattern("<script(?![^>]*\\ssrc=)");
        }
        for (String script : new String[] {"portal-header.js", "tickets.js", "ticket.js", "new.js", "kb.js", "profile.js"}) {
            assertThat(anonymous.get("/portal/js/" + script).status()).as(script).isEqualTo(200);
        }
    }
}
