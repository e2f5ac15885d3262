package io.supportflow.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.customer.CustomerAccounts;
import io.supportflow.portal.PortalFixtures.Customer;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A ticket opened in the portal is in the language the customer reads the portal in (the page sends it), whatever
 * their profile says or the text looks like; without it, the profile's language or a guess, as before. A reply never
 * changes it.
 */
@IntegrationTest
class PortalTicketLanguageIntegrationTest {

    static final String TICKETS = PortalTicketsIntegrationTest.TICKETS;

    @LocalServerPort
    int port;

    @Autowired
    CustomerAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    private Customer englishCustomer() {
        Customer customer = PortalFixtures.customer(port, accounts, "Lee Language", "portal-language.example");
        Api.Response profile = customer.api().patch("/api/portal/v1/profile", Map.of("preferredLanguage", "en"));
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        return customer;
    }

    private String languageOf(String number) {
        return Api.as(port, "demo").get("/api/v1/tickets/" + number).json().path("language").asText();
    }

    private long ticketsOf(Customer customer) {
        return jdbc.sql("SELECT count(*) FROM ticket WHERE customer_id = ?").param(customer.principal().customerId())
                .query(Long.class).single();
    }

    @Test
    void aTicketFromTheFrenchPortalIsFrenchWhateverTheProfileSays() {
        Customer lee = englishCustomer();

        Api.Response json = lee.api().post(TICKETS, Map.of("subject", "The printer is broken",
                "description", "It does not print any more, can you help?", "language", "fr"));
        assertThat(json.status()).as(json.body()).isEqualTo(201);
        assertThat(languageOf(json.json().path("number").asText())).isEqualTo("fr");

        Api.Response multipart = new Multipart().field("subject", "The scanner is broken too")
                .field("description", "It does not scan either.").field("language", "fr").post(lee.api(), TICKETS);
        assertThat(multipart.status()).as(multipart.body()).isEqualTo(201);
        String number = multipart.json().path("number").asText();
        assertThat(languageOf(number)).isEqualTo("fr");

        // the page says English: English, although the text is French
        Api.Response english = lee.api().post(TICKETS, Map.of("subject", "Mon imprimante est en panne",
                "description", "Bonjour, je ne peux plus imprimer depuis la mise à jour de mon poste.", "language", "en"));
        assertThat(english.status()).as(english.body()).isEqualTo(201);
        assertThat(languageOf(english.json().path("number").asText())).isEqualTo("en");

        // without it, as before: the profile's language
        String unsaid = PortalFixtures.openTicket(lee, "Le scanner", "Bonjour, le scanner ne marche plus depuis hier, merci de vérifier.");
        assertThat(languageOf(unsaid)).isEqualTo("en");

        // a reply (in whatever language) leaves the ticket's language alone; a reply cannot name one
        assertThat(lee.api().post(TICKETS + "/" + number + "/messages", Map.of("body", "Any news? Thanks")).status()).isEqualTo(201);
        assertThat(new Multipart().field("body", "Toujours rien ?").post(lee.api(), TICKETS + "/" + number + "/messages").status())
                .isEqualTo(201);
        assertThat(languageOf(number)).isEqualTo("fr");
        assertThat(lee.api().post(TICKETS + "/" + number + "/messages", Map.of("body", "x", "language", "en")).status()).isEqualTo(400);
        assertThat(new Multipart().field("body", "x").field("language", "en").post(lee.api(), TICKETS + "/" + number + "/messages")
                .status()).isEqualTo(400);
        assertThat(languageOf(number)).isEqualTo("fr");

        // the profile stays English: the page's language is the ticket's, never silently the customer's
        assertThat(lee.api().get("/api/portal/v1/profile").json().path("preferredLanguage").asText()).isEqualTo("en");
    }

    @Test
    void withoutALanguageAndWithoutAProfileLanguageTheTextIsGuessedAsBefore() {
        Customer nobody = PortalFixtures.customer(port, accounts, "Noa Nolang", "portal-language.example");
        String number = PortalFixtures.openTicket(nobody, "Facture en double",
                "Bonjour, j'ai reçu deux fois la même facture pour le mois de mars. Pouvez-vous vérifier ?");
        assertThat(languageOf(number)).isEqualTo("fr");
    }

    @Test
    void anythingButEnOrFrIsRefusedAndStoresNothing() {
        Customer lee = englishCustomer();
        long before = ticketsOf(lee);
        List<Object> values = new ArrayList<>(List.of(42, true, 1.5, List.of("fr"), Map.of("code", "fr"), "", " ", "FR", "fr-FR",
                "fr ", "de", "french", "x".repeat(100_000), "<script>alert(1)</script>", "fr'; DROP TABLE ticket; --",
                "' OR 1=1 --", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "fr\nen", "f\u0301r"));
        for (Object value : values) {
            Map<String, Object> body = new HashMap<>(Map.of("subject", "Hostile language", "description", "d"));
            body.put("language", value);
            Api.Response response = lee.api().post(TICKETS, body);
            String label = String.valueOf(value).substring(0, Math.min(40, String.valueOf(value).length()));
            assertThat(response.status()).as(label).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(label).startsWith("application/problem+json");
            assertThat(response.json().path("errors").get(0).path("field").asText()).as(label).isEqualTo("language");
            assertThat(response.body()).as("never echoed: %s", label).doesNotContain("<script>").doesNotContain("DROP TABLE")
                    .doesNotContain("etc/passwd");
        }
        // null is "not said"
        Map<String, Object> withNull = new HashMap<>(Map.of("subject", "No language said", "description", "Hello, the printer is broken."));
        withNull.put("language", null);
        assertThat(lee.api().post(TICKETS, withNull).status()).isEqualTo(201);
        assertThat(ticketsOf(lee)).isEqualTo(before + 1);

        for (String value : new String[] {"de", "", "FR", "<script>alert(1)</script>", "fr'; DROP TABLE ticket; --", "../../etc/passwd",
                "x".repeat(10_000), "fr\u0000"}) {
            Api.Response response = new Multipart().field("subject", "Hostile language").field("description", "d")
                    .field("language", value).post(lee.api(), TICKETS);
            assertThat(response.status()).as(value.substring(0, Math.min(40, value.length()))).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        Api.Response twice = new Multipart().field("subject", "Twice").field("description", "d")
                .field("language", "fr").field("language", "en").post(lee.api(), TICKETS);
        assertThat(twice.status()).isEqualTo(400);
        assertThat(ticketsOf(lee)).isEqualTo(before + 1);
    }
}
