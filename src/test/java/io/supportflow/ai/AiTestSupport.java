package io.supportflow.ai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.supportflow.support.Api;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.test.util.ReflectionTestUtils;

/** Helpers shared by the AI integration and process tests (one Spring context; the job executor is off in tests). */
final class AiTestSupport {

    private AiTestSupport() {
    }

    static String createTicket(Api api, String subject, String description, String category) {
        Api.Response r = api.post("/api/v1/tickets", Map.of("subject", subject, "description", description,
                "requester", Map.of("name", "Chris Customer", "email", "chris-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com"),
                "category", category));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("number").asText();
    }

    static String publishArticle(Api agent, String title, String body, String visibility) {
        Map<String, Object> a = new HashMap<>();
        a.put("title", title);
        a.put("body", body);
        a.put("language", "en");
        a.put("visibility", visibility);
        a.put("status", "PUBLISHED");
        a.put("tags", List.of("help"));
        Api.Response r = agent.post("/api/v1/kb/articles", a);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("slug").asText();
    }

    static ProcessInstance instance(RuntimeService runtime, String key, String businessKey) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(key).processInstanceBusinessKey(businessKey).singleResult();
    }

    static List<ProcessInstance> instances(RuntimeService runtime, String key, String businessKey) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(key).processInstanceBusinessKey(businessKey).list();
    }

    /** Executes the one job of the instance (the engine's job executor is off in tests). */
    static void executeJob(ManagementService management, ProcessInstance pi) {
        Job job = management.createJobQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(job).as("a job of " + pi.getBusinessKey()).isNotNull();
        management.executeJob(job.getId());
    }

    static List<String> actions(Api api, String number) {
        List<String> actions = new ArrayList<>();
        api.get("/api/v1/tickets/" + number + "/activity").json().forEach(a -> actions.add(a.get("action").asText()));
        return actions;
    }

    static JsonNode activity(Api api, String number, String action) {
        for (JsonNode a : api.get("/api/v1/tickets/" + number + "/activity").json()) {
            if (a.get("action").asText().equals(action)) {
                return a;
            }
        }
        return null;
    }

    /** A real OpenAI-compatible provider pointed at a WireMock server on loopback (one attempt per call). */
    static OpenAiCompatibleProvider remote(WireMockServer server) {
        return new OpenAiCompatibleProvider("http://127.0.0.1:" + server.port(), "/v1/chat/completions", "test-key",
                new AiSettings.Models("test-model", null, null, null, null, null), Duration.ofSeconds(2), Duration.ofSeconds(5),
                1, Duration.ofMillis(10), new CircuitBreaker(100, Duration.ofMinutes(1), Clock.systemUTC()));
    }

    static WireMockServer wireMock() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").http2PlainDisabled(true));
        server.start();
        return server;
    }

    static void answer(WireMockServer server, String content) {
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(OpenAiCompatibleProviderTest.completion(content))));
    }

    static void fail(WireMockServer server, int status) {
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(status).withBody("down")));
    }

    /** Runs the body with the application's gateway using this provider, then puts the configured one back. */
    static void withProvider(AiGateway gateway, AiProvider provider, Runnable body) {
        Object previous = ReflectionTestUtils.getField(gateway, "provider");
        ReflectionTestUtils.setField(gateway, "provider", provider);
        try {
            body.run();
        } finally {
            ReflectionTestUtils.setField(gateway, "provider", previous);
        }
    }
}
