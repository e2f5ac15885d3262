package io.supportflow.portal;

import static io.supportflow.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.customer.CustomerAccounts;
import io.supportflow.portal.PortalFixtures.Customer;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The portal's API answers its problems' human text (title, detail, the errors' messages) in the language the page
 * asks for with Accept-Language: French, else English. Type, status and field names never change, and the agents'
 * API stays English whatever it is asked.
 */
@IntegrationTest
class PortalTicketProblemLanguageIntegrationTest {

    static final String TICKETS = PortalTicketsIntegrationTest.TICKETS;
    static final String FRENCH = "fr-FR,fr;q=0.9,en;q=0.5";

    @LocalServerPort
    int port;

    @Autowired
    CustomerAccounts accounts;

    private Customer customer() {
        return PortalFixtures.customer(port, accounts, "Camille Problème", "portal-problems.example");
    }


    @Test
    void notFoundIsFrenchWhenThePageIsFrenchAndEnglishOtherwise() {
        Customer camille = customer();
        String missing = TICKETS + "/NOPE-404";
        assertProblem(camille.api().acceptLanguage("fr").get(missing), 404, "Introuvable", "Aucune demande avec ce numéro.");
        assertProblem(camille.api().acceptLanguage(FRENCH).get(missing), 404, "Introuvable", "Aucune demande avec ce numéro.");
        assertProblem(camille.api().acceptLanguage("fr-CA").get(missing), 404, "Introuvable", "Aucune demande avec ce numéro.");
        assertProblem(camille.api().get(missing), 404, "Not found", "No ticket with this number.");
        // languages the portal does not speak, and headers that are not language lists, are English
        for (String header : new String[] {"en", "de-DE,de;q=0.9", "*", "", "fr;q=x", "<script>", "'; DROP TABLE ticket; --",
                "../../etc/passwd", "fr-" + "x".repeat(300), "de;q=0.9,fr;q=0"}) {
            assertProblem(camille.api().acceptLanguage(header).get(missing), 404, "Not found", "No ticket with this number.");
        }
    }

    @Test
    void validationErrorsOfTheNewTicketFormAreFrench() {
        Customer camille = customer();
        Api french = camille.api().acceptLanguage("fr");

        Api.Response blank = french.post(TICKETS, Map.of("subject", " ", "description", "d"));
        assertProblem(blank, 400, "Données invalides", "Certains champs sont invalides.");
        assertThat(blank.json().path("errors").get(0).path("field").asText()).isEqualTo("subject");
        assertThat(blank.json().path("errors").get(0).path("message").asText()).isEqualTo("ne doit pas être vide");
        Api.Response english = camille.api().post(TICKETS, Map.of("subject", " ", "description", "d"));
        assertProblem(english, 400, "Invalid input", "Some fields are invalid.");
        assertThat(english.json().path("errors").get(0).path("message").asText()).isEqualTo("must not be blank");

        Api.Response language = french.post(TICKETS, Map.of("subject", "s", "description", "d", "language", "de"));
        assertThat(language.json().path("errors").get(0).path("field").asText()).isEqualTo("language");
        assertThat(language.json().path("errors").get(0).path("message").asText()).isEqualTo("doit être en ou fr");

        assertProblem(french.post(TICKETS, Map.of("subject", "s", "description", "d", "priority", "URGENT")), 400, "Requête mal formée",
                "Champ inconnu : « priority ».");
        assertProblem(french.post(TICKETS, Map.of("subject", 42, "description", "d")), 400, "Requête mal formée",
                "Le champ « subject » a un type incorrect ou une valeur inconnue.");
        assertProblem(french.post(TICKETS, "{not json"), 400, "Requête mal formée",
                "Le corps de la requête n’est pas un JSON valide pour cette opération.");
        assertProblem(french.get(TICKETS + "?limit=abc"), 400, "Données invalides",
                "Le paramètre « limit » a un type incorrect ou une valeur inconnue.");
        Api.Response tooMany = french.get(TICKETS + "?limit=101");
        assertProblem(tooMany, 400, "Données invalides", "Certains paramètres sont invalides.");
        assertThat(tooMany.json().path("errors").get(0).path("message").asText()).isEqualTo("doit être inférieur ou égal à 100");

        assertProblem(new Multipart().field("subject", "s").field("description", "d").field("priority", "URGENT").post(french, TICKETS),
                400, "Données invalides", "Champ inconnu.");
        assertProblem(new Multipart().field("subject", "s").field("subject", "s").field("description", "d").post(french, TICKETS),
                400, "Données invalides", "Envoyez « subject » une seule fois.");
        assertProblem(new Multipart().field("subject", "s").field("description", "d").field("customFields", "[1]").post(french, TICKETS),
                400, "Données invalides", "« customFields » doit être un objet JSON.");
        assertProblem(new Multipart().field("subject", "s").field("description", "d\u0000").post(french, TICKETS),
                400, "Données invalides", "Le texte ne peut pas contenir de caractère NUL.");

        // a JSON body beyond the API's limit is refused before Spring MVC: in French too
        String huge = "{\"subject\": \"s\", \"description\": \"" + "d".repeat(1024 * 1024) + "\"}";
        assertProblem(french.post(TICKETS, huge), 413, "Requête trop volumineuse",
                "Une requête est limitée à 1048576 octets et doit indiquer sa taille (Content-Length).");
        assertProblem(camille.api().post(TICKETS, huge), 413, "Request too large",
                "Request bodies are limited to 1048576 bytes and need a Content-Length.");
    }

    @Test
    void uploadRefusalsAreFrench() {
        Customer camille = customer();
        Api french = camille.api().acceptLanguage("fr");
        assertProblem(new Multipart().field("subject", "Empty").field("description", "d")
                .file("attachments", "empty.txt", "text/plain", new byte[0]).post(french, TICKETS), 400, "Données invalides",
                "Un fichier est vide.");
        Multipart six = new Multipart().field("subject", "Many").field("description", "six files");
        for (int i = 0; i < 6; i++) {
            six.file("attachments", "f" + i + ".txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8));
        }
        assertProblem(six.post(french, TICKETS), 400, "Données invalides", "5 fichiers au plus.");
        assertProblem(new Multipart().field("subject", "Big").field("description", "d")
                .file("attachments", "big.bin", "application/octet-stream", new byte[5 * 1024 * 1024 + 1]).post(french, TICKETS),
                413, "Envoi trop volumineux", "Chaque fichier est limité à 5242880 octets.");
        assertProblem(new Multipart().field("subject", "Big").field("description", "d")
                .file("attachments", "big.bin", "application/octet-stream", new byte[5 * 1024 * 1024 + 1]).post(camille.api(), TICKETS),
                413, "Payload too large", "Each file is limited to 5242880 bytes.");
        Api.Response huge = new Multipart().field("subject", "Huge").field("description", "13 MB")
                .file("attachments", "huge.bin", "application/octet-stream", new byte[13 * 1024 * 1024]).post(french, TICKETS);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().path("title").asText()).isEqualTo("Envoi trop volumineux");
        assertThat(huge.json().path("detail").asText()).startsWith("Un envoi est limité à ").endsWith(" octets en tout.");
    }

    @Test
    void aReplyToAClosedTicketIsAConflictInTheCustomersWords() {
        Customer camille = customer();
        String number = PortalFixtures.openTicket(camille, "Closed soon", "This one will be cancelled.");
        assertThat(Api.as(port, "demo").patch("/api/v1/tickets/" + number, Map.of("status", "CANCELLED")).status()).isEqualTo(200);
        String messages = TICKETS + "/" + number + "/messages";
        assertProblem(camille.api().acceptLanguage("fr").post(messages, Map.of("body", "Encore là ?")), 409, "Conflit",
                "Cette demande est close ; ouvrez une nouvelle demande.");
        assertProblem(camille.api().post(messages, Map.of("body", "Still there?")), 409, "Conflict",
                "The ticket is CANCELLED; open a follow-up ticket instead.");
        assertThat(camille.api().get(TICKETS + "/" + number).json().path("messages")).hasSize(1);
    }

    @Test
    void theAgentsApiStaysEnglishWhateverItIsAsked() {
        Api agent = Api.as(port, "demo");
        Api askingFrench = agent.acceptLanguage("fr");
        Api.Response missing = askingFrench.get("/api/v1/tickets/NOPE-404");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("title").asText()).isEqualTo("Not found");
        assertThat(missing.body()).isEqualTo(agent.get("/api/v1/tickets/NOPE-404").body());

        Api.Response invalid = askingFrench.post("/api/v1/tickets", Map.of("subject", " ", "description", "d",
                "requester", Map.of("email", "agent-api-language@example.com")));
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.json().path("title").asText()).isEqualTo("Invalid input");
        assertThat(invalid.json().path("errors").findValuesAsText("message")).contains("must not be blank");

        Api.Response unknown = askingFrench.post("/api/v1/tickets", Map.of("subject", "s", "bogus", 1));
        assertThat(unknown.json().path("detail").asText()).isEqualTo("Unknown field 'bogus'.");
        assertThat(askingFrench.get("/api/v1/tickets?limit=abc").json().path("detail").asText())
                .isEqualTo("Parameter 'limit' has the wrong type or an unknown value.");
    }
}
