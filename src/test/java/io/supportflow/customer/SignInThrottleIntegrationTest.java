package io.supportflow.customer;

import static io.supportflow.customer.PortalAccountsTestSupport.PASSWORD;
import static io.supportflow.customer.PortalAccountsTestSupport.browser;
import static io.supportflow.customer.PortalAccountsTestSupport.newEmail;
import static io.supportflow.customer.PortalAccountsTestSupport.verifiedAccount;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sign-in attempts are limited per account and per client address; the limits hold under 100 wrong passwords. */
@IntegrationTest
class SignInThrottleIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    CustomerAccounts accounts;

    @Autowired
    PortalAccountSettings settings;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    @AfterEach
    void clearThrottle() {
        PortalAccountsTestSupport.clearThrottle(jdbc);
    }

    @Test
    void hundredWrongPasswordsLockTheAccountAndTheRightOneIsRefusedToo() {
        String email = newEmail("locked");
        verifiedAccount(accounts, email);
        Api browser = browser(port);
        int unauthorized = 0;
        int throttled = 0;
        String retryAfter = null;
        for (int i = 0; i < 100; i++) {
            Api.Response response = browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", "wrong password " + i));
            if (response.status() == 401) {
                unauthorized++;
            } else if (response.status() == 429) {
                throttled++;
                retryAfter = response.header("Retry-After");
                assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            } else {
                throw new AssertionError("unexpected " + response.status());
            }
        }

        assertThat(unauthorized).isEqualTo(settings.throttle().accountFailures());
        assertThat(throttled).isEqualTo(100 - settings.throttle().accountFailures());
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, settings.throttle().lockout().toSeconds() + 1);
        // the right password during the lock: refused, on every way in
        assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(429);
        assertThat(Api.anonymous(port).post("/api/portal/v1/auth/tokens", Map.of("email", email, "password", PASSWORD)).status())
                .isEqualTo(429);
        assertThat(browser.get("/api/portal/v1/auth/session").status()).isEqualTo(401);
        // the same email in other letter cases is the same account
        assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email.toUpperCase(), "password", PASSWORD)).status())
                .isEqualTo(429);
        // another account from the same address is not locked by this one
        String other = newEmail("free");
        verifiedAccount(accounts, other);
        assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", other, "password", PASSWORD)).status()).isEqualTo(200);
        // when the lock has passed, the right password works again
        jdbc.sql("UPDATE customer_auth_throttle SET locked_until = now() - interval '1 second', window_start = now() - interval '1 day'").update();
        assertThat(browser(port).post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void anAddressTryingManyAccountsIsLockedWhateverItsXForwardedForSays() throws Exception {
        String email = newEmail("victim");
        verifiedAccount(accounts, email);
        int limit = settings.throttle().addressFailures();
        int unauthorized = 0;
        for (int i = 0; i < limit + 5; i++) {
            // a client-chosen X-Forwarded-For means nothing without a configured proxy
            int status = signIn("sprayed-" + i + "@example.net", "wrong password", "203.0.113." + (i % 250)).statusCode();
            if (status == 401) {
                unauthorized++;
            } else {
                assertThat(status).isEqualTo(429);
            }
        }
        assertThat(unauthorized).isEqualTo(limit);
        HttpResponse<String> rightPassword = signIn(email, PASSWORD, "198.51.100.7");
        assertThat(rightPassword.statusCode()).isEqualTo(429);
        assertThat(rightPassword.headers().firstValue("Retry-After")).isPresent();
        // unknown accounts were counted like real ones: the lock tells nothing about which exist
        assertThat(jdbc.sql("SELECT count(*) FROM customer_auth_throttle WHERE throttle_key LIKE 'account:sprayed-%'")
                .query(Integer.class).single()).isEqualTo(limit);
    }

    @Test
    void wrongSecondFactorCodesLockTheAccount() {
        // covered with a real enrolment in TwoFactorIntegrationTest; here: the counter is shared with passwords
        String email = newEmail("mixed");
        verifiedAccount(accounts, email);
        Api browser = browser(port);
        for (int i = 0; i < settings.throttle().accountFailures(); i++) {
            browser.post("/api/portal/v1/auth/tokens", Map.of("email", email, "password", "wrong password"));
        }
        assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(429);
        assertThat(browser.post("/api/portal/v1/auth/password-reset", Map.of("email", email)).status()).isEqualTo(202);
    }

    private HttpResponse<String> signIn(String email, String password, String forwardedFor) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
        // the token endpoint takes the same password check without a session or CSRF token
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/portal/v1/auth/tokens"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .header("Forwarded", "for=" + forwardedFor).header("X-Real-IP", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
