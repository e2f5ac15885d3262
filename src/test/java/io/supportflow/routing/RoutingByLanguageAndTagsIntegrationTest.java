package io.supportflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;

/**
 * The routing table decides on the ticket's language and tags too. A process owner's edit is deployed at run
 * time, as in Cockpit or the Modeler: French tickets tagged "vip" go to the technical team. The shipped table is
 * deployed again afterwards, so every other test routes with the table in rules/ticket-routing.dmn.
 */
@IntegrationTest
class RoutingByLanguageAndTagsIntegrationTest {

    static final String DECISION = "TicketRouting";
    static final String SHIPPED = "rules/ticket-routing.dmn";
    static final String FRENCH_VIP = "routing/ticket-routing-french-vip.dmn";

    @LocalServerPort int port;
    @Autowired RepositoryService repository;

    final String marker = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aDeployedTableRoutesFrenchVipTicketsToTheTechnicalTeamAndExplainsWhy() throws IOException {
        deploy(FRENCH_VIP, "routing test: French VIP");
        try {
            JsonNode frenchVip = create("fr", List.of("vip", "printer"));
            assertThat(frenchVip.get("team").asText()).isEqualTo("technical");
            assertThat(explanation(frenchVip)).isEqualTo("TicketRouting: Rule_FrenchVip → technical (category=general, "
                    + "priority=MEDIUM, channel=API, customerTier=STANDARD, language=fr, tags=[vip, printer])");

            JsonNode french = create("fr", List.of("printer"));
            assertThat(french.get("team").asText()).isEqualTo("general");
            assertThat(explanation(french)).startsWith("TicketRouting: Rule_GeneralFrench → general (")
                    .endsWith("language=fr, tags=[printer])");

            JsonNode englishVip = create("en", List.of("vip"));
            assertThat(englishVip.get("team").asText()).isEqualTo("general");
            assertThat(explanation(englishVip)).startsWith("TicketRouting: Rule_General → general (").endsWith("language=en, tags=[vip])");
        } finally {
            deploy(SHIPPED, "routing test: shipped table restored");
        }
        assertThat(latestRoutingTable()).as("the latest routing table is the shipped one again").isEqualTo(read(SHIPPED));
        JsonNode afterwards = create("fr", List.of("vip"));
        assertThat(afterwards.get("team").asText()).isEqualTo("general");
        assertThat(explanation(afterwards)).isEqualTo("TicketRouting: Rule_General → general (category=general, "
                + "priority=MEDIUM, channel=API, customerTier=STANDARD, language=fr, tags=[vip])");
    }

    JsonNode create(String language, List<String> tags) {
        Api.Response created = Api.as(port, "demo").post("/api/v1/tickets", Map.of("subject", "Routing " + marker,
                "description", "Routing by language and tags", "requester", Map.of("name", "Rita Route",
                        "email", "rita-" + marker + "@routing.example"), "category", "general", "tags", tags, "language", language));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("language").asText()).isEqualTo(language);
        return created.json();
    }

    String explanation(JsonNode ticket) {
        for (JsonNode entry : Api.as(port, "demo").get("/api/v1/tickets/" + ticket.get("number").asText() + "/activity").json()) {
            if ("routing_explained".equals(entry.get("action").asText())) {
                return entry.get("to").asText();
            }
        }
        throw new AssertionError("no routing explanation on " + ticket.get("number").asText());
    }

    void deploy(String resource, String name) throws IOException {
        repository.createDeployment().name(name).addString("ticket-routing.dmn", read(resource)).deploy();
    }

    String latestRoutingTable() throws IOException {
        DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION).latestVersion().singleResult();
        try (InputStream in = repository.getResourceAsStream(latest.getDeploymentId(), latest.getResourceName())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String read(String resource) throws IOException {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
