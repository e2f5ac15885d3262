package io.supportflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class SecurityIntegrationTest {

    @LocalServerPort int port;
    @org.springframework.beans.factory.annotation.Autowired org.camunda.bpm.engine.IdentityService identity;

    @ParameterizedTest
    @CsvSource({"GET,/api/v1/tickets", "POST,/api/v1/tickets", "GET,/api/v1/tickets/SUP-2026-000001",
            "PATCH,/api/v1/tickets/SUP-2026-000001", "GET,/api/v1/tickets/SUP-2026-000001/messages",
            "POST,/api/v1/tickets/SUP-2026-000001/messages", "GET,/api/v1/tickets/SUP-2026-000001/activity",
            "POST,/api/v1/tickets/SUP-2026-000001/snooze", "DELETE,/api/v1/tickets/SUP-2026-000001/snooze",
            "POST,/api/v1/tickets/SUP-2026-000001/merge", "GET,/engine-rest/task", "GET,/engine-rest/engine",
            "POST,/engine-rest/deployment/create", "GET,/api/v1/anything"})
    void everyApiCallNeedsCredentials(String method, String path) {
        Api.Response response = Api.anonymous(port).send(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    /** Its own account: a wrong password makes the engine delay that user's next login (brute-force protection). */
    @ParameterizedTest
    @ValueSource(strings = {"throttled:wrong", "throttled:", "nobody:nobody", ":", "throttled:throttled-but-wrong"})
    void wrongCredentialsAreRejected(String credentials) {
        if (identity.createUserQuery().userId("throttled").count() == 0) {
            var user = identity.newUser("throttled");
            user.setPassword("right-password-1");
            identity.saveUser(user);
        }
        String[] parts = credentials.split(":", -1);
        Api.Response response = rawBasic(parts[0], parts[1]);
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void repeatedWrongPasswordsDelayEvenTheRightOne() {
        var user = identity.newUser("guessed");
        user.setPassword("right-password-2");
        identity.saveUser(user);
        assertThat(rawBasic("guessed", "right-password-2").status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(rawBasic("guessed", "guess-" + i).status()).isEqualTo(401);
        }
        assertThat(rawBasic("guessed", "right-password-2").status()).as("locked for a while after failures").isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/v3/api-docs", "/swagger-ui/index.html", "/actuator/health",
            "/camunda/app/tasklist/default/", "/camunda/app/cockpit/default/", "/camunda/app/admin/default/"})
    void publicPagesAreOpen(String path) {
        assertThat(Api.anonymous(port).get(path).status()).isEqualTo(200);
    }

    @Test
    void landingPageLinksEverything() {
        String page = Api.anonymous(port).get("/").body();
        assertThat(page).contains("/camunda/app/tasklist/", "/camunda/app/cockpit/", "/camunda/app/admin/", "/swagger-ui.html", "/v3/api-docs");
    }

    @Test
    void apiDocumentDescribesTheTicketApi() {
        String doc = Api.anonymous(port).get("/v3/api-docs").body();
        assertThat(doc).contains("/api/v1/tickets", "/api/v1/tickets/{number}/messages", "basic");
    }

    @Test
    void otherPathsAreClosed() {
        assertThat(Api.anonymous(port).get("/actuator/env").status()).isIn(401, 403, 404);
        assertThat(Api.anonymous(port).get("/actuator/beans").status()).isIn(401, 403, 404);
    }

    @Test
    void agentsCannotDeployOrAdministerThroughTheEngineApi() {
        Api.Response deployments = Api.as(port, "alice").get("/engine-rest/deployment?maxResults=10");
        assertThat(deployments.status()).isEqualTo(200);
        assertThat(deployments.json().size()).as("no READ on deployments").isZero();
        Api.Response users = Api.as(port, "alice").post("/engine-rest/user/create", Map.of(
                "profile", Map.of("id", "mallory", "firstName", "M", "lastName", "X", "email", "m@x.io"),
                "credentials", Map.of("password", "mallory")));
        assertThat(users.status()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"assigneeExpression\": \"${currentUser()}\"}",
            "{\"orQueries\": [{\"assigneeExpression\": \"${currentUser()}\"}]}",
            "{\"orQueries\": [{\"candidateGroupsExpression\": \"${currentUserGroups()}\"}]}",
            "{\"orQueries\": [{\"dueAfterExpression\": \"${now()}\"}]}"})
    void expressionsInEngineQueriesAreRefused(String query) {
        Api.Response response = Api.as(port, "alice").send("POST", "/engine-rest/task?maxResults=10", query);
        assertThat(response.status()).isBetween(400, 403);
        assertThat(Api.as(port, "alice").send("POST", "/engine-rest/task/count", query).status()).isBetween(400, 403);
    }

    @Test
    void ordinaryTaskQueriesStillWork() {
        Api.Response response = Api.as(port, "alice").send("POST", "/engine-rest/task?maxResults=10",
                "{\"orQueries\": [{\"candidateGroup\": \"billing\"}, {\"assignee\": \"alice\"}], \"sorting\": [{\"sortBy\": \"priority\", \"sortOrder\": \"desc\"}]}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(Api.as(port, "alice").get("/engine-rest/task?maxResults=10&assigneeExpression=%24%7BcurrentUser()%7D").status()).isEqualTo(400);
    }

    @Test
    void unboundedEngineQueriesAreRefused() {
        assertThat(Api.as(port, "demo").get("/engine-rest/task").status()).isEqualTo(400);
    }

    private Api.Response rawBasic(String user, String password) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/tickets"))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes()))
                    .GET().build();
            var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), response.body(), response.headers().map());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
