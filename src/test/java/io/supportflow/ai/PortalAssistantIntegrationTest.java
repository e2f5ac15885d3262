package io.supportflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.customer.CustomerAccounts;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The customers' assistant over real HTTP, signed in to the portal: answers from published public articles only and
 * cites them; never from internal articles, internal notes or other customers' tickets; opens a ticket with the
 * conversation attached; refuses bad input with problem details.
 */
@IntegrationTest
class PortalAssistantIntegrationTest {

    static final String ASSISTANT = "/api/portal/v1/assistant";

    @LocalServerPort int port;
    @Autowired CustomerAccounts accounts;

    String word;
    String email;

    @BeforeEach
    void setUp() {
        word = "wv" + UUID.randomUUID().toString().substring(0, 6);
        email = "assistant-" + UUID.randomUUID() + "@example.net";
        accounts.markEmailVerified(accounts.create("Sam Shopper", email, "correct horse battery").accountId());
    }

    Api customer() {
        Api browser = Api.browser(port);
        assertThat(browser.get("/api/portal/v1/auth/session").status()).isEqualTo(401);
        assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", "correct horse battery")).status())
                .isEqualTo(200);
        return browser;
    }

    @Test
    void answersFromPublicArticlesOnlyAndCitesThem() {
        Api dave = Api.as(port, "dave");
        String slug = AiTestSupport.publishArticle(dave, "Changing your " + word + " delivery address",
                "Open Account, then " + word + " Addresses. Edit the delivery address before the parcel ships.", "PUBLIC");
        AiTestSupport.publishArticle(dave, "Internal " + word + " delivery overrides",
                "INTERNAL-SECRET " + word + " delivery addresses can be forced in the warehouse tool.", "INTERNAL");
        String other = AiTestSupport.createTicket(Api.as(port, "demo"), "Delivery " + word,
                "OTHER-CUSTOMER-SECRET my " + word + " delivery address is 1 Secret Lane", "general");
        assertThat(Api.as(port, "demo").post("/api/v1/tickets/" + other + "/messages",
                Map.of("body", "NOTE-SECRET " + word + " delivery address fraud suspected", "internal", true)).status()).isEqualTo(201);

        Api.Response r = customer().post(ASSISTANT, Map.of("question", "How do I change my " + word + " delivery address?"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode answer = r.json();
        assertThat(answer.get("answered").asBoolean()).isTrue();
        assertThat(answer.get("answer").asText()).contains("Edit the delivery address before the parcel ships")
                .doesNotContain("INTERNAL-SECRET", "OTHER-CUSTOMER-SECRET", "NOTE-SECRET", "Secret Lane");
        assertThat(answer.get("sources")).hasSize(1);
        assertThat(answer.at("/sources/0/slug").asText()).isEqualTo(slug);
        assertThat(answer.at("/sources/0/url").asText()).isEqualTo("/portal/kb.html?slug=" + slug);
    }

    @Test
    void withoutAGoodArticleItOffersATicketThatCarriesTheConversation() {
        Api customer = customer();
        String question = "My " + word + " blender makes a strange noise, what should I do?";
        JsonNode answer = customer.post(ASSISTANT, Map.of("question", question)).json();
        assertThat(answer.get("answered").asBoolean()).isFalse();
        assertThat(answer.get("offerTicket").asBoolean()).isTrue();
        assertThat(answer.get("sources")).isEmpty();

        Api.Response created = customer.post(ASSISTANT + "/tickets", Map.of("subject", "Noisy " + word + " blender",
                "message", "Please help.", "conversation", List.of(Map.of("question", question, "answer", answer.get("answer").asText()))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String number = created.json().get("number").asText();

        JsonNode ticket = Api.as(port, "demo").get("/api/v1/tickets/" + number).json();
        assertThat(ticket.get("channel").asText()).isEqualTo("PORTAL");
        assertThat(ticket.at("/requester/email").asText()).isEqualTo(email);
        JsonNode messages = Api.as(port, "demo").get("/api/v1/tickets/" + number + "/messages").json();
        assertThat(messages.get(0).get("bodyText").asText()).contains("Please help.", "Conversation with the help-centre assistant",
                "Q: " + question, "A: I could not find a reliable answer");
    }

    @Test
    void onlySignedInCustomersMayAskAndAgentsCredentialsMeanNothingHere() {
        assertThat(Api.anonymous(port).post(ASSISTANT, Map.of("question", "hello")).status()).isIn(401, 403);
        assertThat(Api.as(port, "demo").post(ASSISTANT, Map.of("question", "hello")).status()).isIn(401, 403);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"question\": \"\"}",
            "{\"question\": 42}",
            "{\"question\": \"hi\", \"role\": \"system\"}",
            "{\"question\": \"a\\u0000b\"}",
            "{\"question\": \"hi\"",
            "null"})
    void badQuestionsAreRefusedWithProblemDetails(String body) {
        Api.Response r = customer().send("POST", ASSISTANT, "application/json", java.net.http.HttpRequest.BodyPublishers.ofString(body));
        assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void hugeOrHostileTicketRequestsAreRefusedAndCreateNothing() {
        Api customer = customer();
        assertThat(customer.post(ASSISTANT, Map.of("question", "x".repeat(2001))).status()).isEqualTo(400);
        assertThat(customer.post(ASSISTANT + "/tickets", Map.of("subject", "<script>alert(1)</script>", "conversation", List.of())).status())
                .isEqualTo(400);
        assertThat(customer.post(ASSISTANT + "/tickets", Map.of("subject", "ok")).status()).as("conversation is required").isEqualTo(400);
        assertThat(customer.post(ASSISTANT + "/tickets", Map.of("subject", "ok", "conversation",
                java.util.Collections.nCopies(21, Map.of("question", "q", "answer", "a")))).status()).isEqualTo(400);
        Api.Response hostile = customer.post(ASSISTANT, Map.of("question", "'; DROP TABLE ticket; -- <img src=x onerror=alert(1)> ../../etc/passwd"));
        assertThat(hostile.status()).isEqualTo(200);
        assertThat(hostile.body()).doesNotContain("<img");
    }
}
