package io.supportflow.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class PortalSignInIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    CustomerAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    private String newCustomer(String password) {
        String email = "signin-" + UUID.randomUUID() + "@example.net";
        accounts.markEmailVerified(accounts.create("Pat Portal", email, password).accountId());
        return email;
    }

    /** A browser that has loaded a page, so it holds the XSRF-TOKEN cookie. */
    private Api browser() {
        Api browser = Api.browser(port);
        assertThat(browser.get("/api/portal/v1/auth/session").status()).isEqualTo(401);
        assertThat(browser.cookie("XSRF-TOKEN")).isNotBlank();
        return browser;
    }

    @Test
    void aCustomerSignsInToASessionAndOut() {
        String email = newCustomer("correct horse battery");
        Api browser = browser();

        Api.Response signedIn = browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", "correct horse battery"));

        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.json().path("email").asText()).isEqualTo(email);
        assertThat(signedIn.header("Set-Cookie")).contains("JSESSIONID").containsIgnoringCase("HttpOnly");
        assertThat(signedIn.header("Set-Cookie").split("(?i)SameSite=Lax", -1)).as("SameSite=Lax exactly once").hasSize(2);
        assertThat(browser.get("/api/portal/v1/auth/session").json().path("email").asText()).isEqualTo(email);

        assertThat(browser.post("/api/portal/v1/auth/sign-out", null).status()).isEqualTo(204);
        assertThat(browser.get("/api/portal/v1/auth/session").status()).isEqualTo(401);
    }

    @Test
    void anAccountWhoseEmailIsNotVerifiedCannotSignIn() {
        String email = "unverified-" + UUID.randomUUID() + "@example.net";
        accounts.create("Una Verified", email, "correct horse battery");

        Api.Response refused = browser().post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", "correct horse battery"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("emailNotVerified").asBoolean()).isTrue();
        assertThat(Api.anonymous(port).post("/api/portal/v1/auth/tokens",
                Map.of("email", email, "password", "correct horse battery")).status()).isEqualTo(403);
    }

    @Test
    void theWebappsSessionCookieCarriesSameSiteOnceToo() {
        Api.Response tasklist = Api.browser(port).get("/camunda/app/tasklist/default/");

        java.util.List<String> sessionCookies = tasklist.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie")).flatMap(e -> e.getValue().stream())
                .filter(c -> c.startsWith("JSESSIONID=")).toList();
        assertThat(sessionCookies).isNotEmpty().allSatisfy(cookie -> assertThat(cookie.split("(?i)SameSite=Lax", -1))
                .as(cookie).hasSize(2));
    }

    @Test
    void signingInWithoutTheCsrfTokenIsRefused() {
        String email = newCustomer("correct horse battery");

        Api.Response refused = Api.anonymous(port).post("/api/portal/v1/auth/sign-in",
                Map.of("email", email, "password", "correct horse battery"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("detail").asText()).contains("X-XSRF-TOKEN");
    }

    @Test
    void aWrongPasswordAndAnUnknownAccountGetTheSameAnswer() {
        String email = newCustomer("correct horse battery");
        Api browser = browser();

        Api.Response wrongPassword = browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", "wrong"));
        Api.Response unknown = browser.post("/api/portal/v1/auth/sign-in",
                Map.of("email", "nobody-" + UUID.randomUUID() + "@example.net", "password", "wrong"));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrongPassword.json().path("detail").asText()).isEqualTo(unknown.json().path("detail").asText())
                .isEqualTo("Email or password is wrong.");
        assertThat(browser.get("/api/portal/v1/auth/session").status()).isEqualTo(401);
    }

    @Test
    void aSessionEndsWhenTheAccountsCredentialsChange() {
        String email = newCustomer("correct horse battery");
        Api browser = browser();
        browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", "correct horse battery"));

        jdbc.sql("UPDATE customer_account SET credentials_version = credentials_version + 1 WHERE customer_id = "
                + "(SELECT id FROM customer WHERE email = :email)").param("email", email).update();

        assertThat(browser.get("/api/portal/v1/auth/session").status()).isEqualTo(401);
    }

    @Test
    void anApiClientUsesABearerToken() {
        String email = newCustomer("correct horse battery");

        Api.Response issued = Api.anonymous(port).post("/api/portal/v1/auth/tokens",
                Map.of("email", email, "password", "correct horse battery", "name", "my script"));

        assertThat(issued.status()).isEqualTo(201);
        String token = issued.json().path("token").asText();
        assertThat(token).startsWith("sfp_");
        assertThat(Api.bearer(port, token).get("/api/portal/v1/auth/session").json().path("email").asText()).isEqualTo(email);
        assertThat(Api.bearer(port, token + "x").get("/api/portal/v1/auth/session").status()).isEqualTo(401);
        assertThat(Api.anonymous(port).post("/api/portal/v1/auth/tokens",
                Map.of("email", email, "password", "wrong")).status()).isEqualTo(401);
    }

    @Test
    void customersAndAgentsCannotUseEachOthersCredentials() {
        String email = newCustomer("correct horse battery");
        String token = Api.anonymous(port).post("/api/portal/v1/auth/tokens",
                Map.of("email", email, "password", "correct horse battery")).json().path("token").asText();

        assertThat(Api.bearer(port, token).get("/api/v1/tickets").status()).isEqualTo(401);
        assertThat(Api.bearer(port, token).get("/engine-rest/task").status()).isEqualTo(401);
        assertThat(Api.as(port, "alice").get("/api/portal/v1/auth/session").status()).isEqualTo(401);
        assertThat(Api.as(port, "alice").get("/api/portal/v1/tickets").status()).isEqualTo(401);
    }

    @Test
    void badSignInInputGetsProblemDetails() {
        Api browser = browser();
        for (Object body : new Object[] {
                Map.of("email", "x@example.net"),
                Map.of("email", 42, "password", true),
                Map.of("email", "a".repeat(300) + "@example.net", "password", "x"),
                Map.of("email", "x@example.net", "password", "x", "admin", true),
                "{not json"}) {
            Api.Response response = browser.post("/api/portal/v1/auth/sign-in", body);
            assertThat(response.status()).as("%s", body).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        for (String hostile : new String[] {"' OR 1=1 --", "<script>alert(1)</script>@x.net", "../../etc/passwd"}) {
            Api.Response response = browser.post("/api/portal/v1/auth/sign-in", Map.of("email", hostile, "password", hostile));
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.body()).doesNotContain("<script>");
        }
    }
}
