package io.supportflow.customer;

import static io.supportflow.customer.PortalAccountsTestSupport.PASSWORD;
import static io.supportflow.customer.PortalAccountsTestSupport.browser;
import static io.supportflow.customer.PortalAccountsTestSupport.newEmail;
import static io.supportflow.customer.PortalAccountsTestSupport.nextTotp;
import static io.supportflow.customer.PortalAccountsTestSupport.totp;
import static io.supportflow.customer.PortalAccountsTestSupport.verifiedAccount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** TOTP two-factor sign-in: enrolment, sign-in in two steps that cannot be skipped, recovery codes, turning it off. */
@IntegrationTest
class TwoFactorIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    CustomerAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    @AfterEach
    void clearThrottle() {
        PortalAccountsTestSupport.clearThrottle(jdbc);
    }

    record Enrolled(String email, String secret, List<String> recoveryCodes) {
    }

    /** A verified account with two-factor sign-in on, enrolled through the API; its last used step is now's. */
    private Enrolled enrolled() {
        String email = newEmail("2fa");
        verifiedAccount(accounts, email);
        Api browser = browser(port);
        assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(200);
        JsonNode enrolment = browser.post("/api/portal/v1/auth/two-factor/enrolment", null).json();
        String secret = enrolment.path("secret").asText();
        JsonNode confirmed = browser.post("/api/portal/v1/auth/two-factor/confirm", Map.of("code", totp(secret))).json();
        List<String> codes = new ArrayList<>();
        confirmed.path("recoveryCodes").forEach(c -> codes.add(c.asText()));
        return new Enrolled(email, secret, codes);
    }

    @Test
    void enrolmentShowsAQrCodeAndNeedsAFirstCode() {
        String email = newEmail("enrol");
        verifiedAccount(accounts, email);
        Api browser = browser(port);
        browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD));

        Api.Response enrolment = browser.post("/api/portal/v1/auth/two-factor/enrolment", null);

        assertThat(enrolment.status()).isEqualTo(201);
        String secret = enrolment.json().path("secret").asText();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(enrolment.json().path("otpauthUri").asText())
                .startsWith("otpauth://totp/").contains("secret=" + secret).contains("issuer=").contains("period=30").contains("digits=6");
        String qr = enrolment.json().path("qrCode").asText();
        assertThat(qr).startsWith("data:image/svg+xml;base64,");
        assertThat(new String(java.util.Base64.getDecoder().decode(qr.substring(qr.indexOf(',') + 1)))).startsWith("<svg").contains("<path");
        assertThat(browser.get("/api/portal/v1/auth/two-factor").json().path("enabled").asBoolean()).isFalse();

        Api.Response wrong = browser.post("/api/portal/v1/auth/two-factor/confirm", Map.of("code", "000000".equals(totp(secret)) ? "111111" : "000000"));
        assertThat(wrong.status()).isEqualTo(400);
        Api.Response confirmed = browser.post("/api/portal/v1/auth/two-factor/confirm", Map.of("code", totp(secret)));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().path("recoveryCodes")).hasSize(10);
        assertThat(confirmed.json().path("recoveryCodes").get(0).asText()).matches("[a-z2-9]{5}-[a-z2-9]{5}");
        JsonNode status = browser.get("/api/portal/v1/auth/two-factor").json();
        assertThat(status.path("enabled").asBoolean()).isTrue();
        assertThat(status.path("recoveryCodesLeft").asInt()).isEqualTo(10);
        // only hashes are stored
        assertThat(jdbc.sql("SELECT count(*) FROM customer_recovery_code r JOIN customer_account a ON a.id = r.account_id "
                + "JOIN customer c ON c.id = a.customer_id WHERE c.email = :email").param("email", email).query(Integer.class).single())
                .isEqualTo(10);
        assertThat(browser.post("/api/portal/v1/auth/two-factor/enrolment", null).status()).isEqualTo(409);
    }

    @Test
    void aPasswordAloneOpensNothingUntilTheCode() {
        Enrolled account = enrolled();
        Api browser = browser(port);

        Api.Response first = browser.post("/api/portal/v1/auth/sign-in", Map.of("email", account.email(), "password", PASSWORD));

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().path("secondFactorRequired").asBoolean()).isTrue();
        Api.Response session = browser.get("/api/portal/v1/auth/session");
        assertThat(session.status()).isEqualTo(401);
        assertThat(session.json().path("secondFactorRequired").asBoolean()).isTrue();
        // every portal route, whoever serves it, refuses the half-signed-in session
        for (String[] call : new String[][] {
                {"GET", "/api/portal/v1/auth/two-factor"}, {"POST", "/api/portal/v1/auth/two-factor/disable"},
                {"POST", "/api/portal/v1/auth/two-factor/enrolment"}, {"POST", "/api/portal/v1/auth/two-factor/recovery-codes"},
                {"POST", "/api/portal/v1/auth/password"}, {"GET", "/api/portal/v1/tickets"}, {"POST", "/api/portal/v1/tickets"},
                {"GET", "/api/portal/v1/tickets/SUP-2026-000001"}, {"GET", "/api/portal/v1/profile"}, {"GET", "/api/portal/v1/me"},
                {"GET", "/api/portal/v1/attachments/1"}}) {
            Api.Response response = browser.send(call[0], call[1], call[0].equals("POST")
                    ? Map.of("password", PASSWORD, "code", totp(account.secret()), "currentPassword", PASSWORD, "newPassword", "x".repeat(12))
                    : null);
            assertThat(response.status()).as("%s %s", call[0], call[1]).isEqualTo(401);
        }
        // nor does a token come without the code
        Api.Response tokenWithoutCode = Api.anonymous(port).post("/api/portal/v1/auth/tokens",
                Map.of("email", account.email(), "password", PASSWORD));
        assertThat(tokenWithoutCode.status()).isEqualTo(401);
        assertThat(tokenWithoutCode.json().path("secondFactorRequired").asBoolean()).isTrue();

        Api.Response wrongCode = browser.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", "12345x"));
        assertThat(wrongCode.status()).isEqualTo(401);
        assertThat(browser.get("/api/portal/v1/auth/session").status()).isEqualTo(401);

        Api.Response second = browser.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", nextTotp(account.secret())));
        assertThat(second.status()).isEqualTo(200);
        assertThat(browser.get("/api/portal/v1/auth/session").json().path("email").asText()).isEqualTo(account.email());
        assertThat(browser.get("/api/portal/v1/auth/two-factor").status()).isEqualTo(200);
    }

    @Test
    void theSecondStepNeedsTheFirst() {
        Enrolled account = enrolled();
        Api stranger = browser(port);
        assertThat(stranger.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", nextTotp(account.secret()))).status())
                .isEqualTo(401);
        assertThat(stranger.get("/api/portal/v1/auth/session").status()).isEqualTo(401);
    }

    @Test
    void aCodeIsAcceptedOnlyOnce() {
        Enrolled account = enrolled();
        String code = nextTotp(account.secret());
        Api first = browser(port);
        first.post("/api/portal/v1/auth/sign-in", Map.of("email", account.email(), "password", PASSWORD));
        assertThat(first.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", code)).status()).isEqualTo(200);

        Api replay = browser(port);
        replay.post("/api/portal/v1/auth/sign-in", Map.of("email", account.email(), "password", PASSWORD));
        assertThat(replay.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", code)).status()).isEqualTo(401);
        // and the confirmation's code, of an earlier step, neither
        assertThat(replay.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", totp(account.secret()))).status())
                .isEqualTo(401);
    }

    @Test
    void aRecoveryCodeWorksOnceAndATokenNeedsACode() {
        Enrolled account = enrolled();
        String recovery = account.recoveryCodes().get(3);
        Api browser = browser(port);
        browser.post("/api/portal/v1/auth/sign-in", Map.of("email", account.email(), "password", PASSWORD));
        assertThat(browser.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", recovery.toUpperCase())).status()).isEqualTo(200);
        assertThat(browser.get("/api/portal/v1/auth/two-factor").json().path("recoveryCodesLeft").asInt()).isEqualTo(9);

        Api again = browser(port);
        again.post("/api/portal/v1/auth/sign-in", Map.of("email", account.email(), "password", PASSWORD));
        assertThat(again.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", recovery)).status()).isEqualTo(401);

        Api.Response token = Api.anonymous(port).post("/api/portal/v1/auth/tokens",
                Map.of("email", account.email(), "password", PASSWORD, "code", nextTotp(account.secret())));
        assertThat(token.status()).isEqualTo(201);
        assertThat(Api.bearer(port, token.json().path("token").asText()).get("/api/portal/v1/auth/session").status()).isEqualTo(200);
    }

    @Test
    void turningItOffNeedsThePasswordAndACode() {
        Enrolled account = enrolled();
        Api browser = browser(port);
        browser.post("/api/portal/v1/auth/sign-in", Map.of("email", account.email(), "password", PASSWORD));
        browser.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", nextTotp(account.secret())));

        assertThat(browser.post("/api/portal/v1/auth/two-factor/disable", Map.of("password", "wrong password!", "code", account.recoveryCodes().get(0)))
                .status()).isEqualTo(400);
        assertThat(browser.post("/api/portal/v1/auth/two-factor/disable", Map.of("password", PASSWORD, "code", "000000")).status())
                .isEqualTo(400);
        assertThat(browser.post("/api/portal/v1/auth/two-factor/disable", Map.of("password", PASSWORD, "code", account.recoveryCodes().get(1)))
                .status()).isEqualTo(204);
        assertThat(browser.get("/api/portal/v1/auth/two-factor").json().path("enabled").asBoolean()).isFalse();

        assertThat(browser(port).post("/api/portal/v1/auth/sign-in", Map.of("email", account.email(), "password", PASSWORD)).status())
                .isEqualTo(200);
    }

    @Test
    void badInputGetsProblemDetails() {
        Enrolled account = enrolled();
        Api browser = browser(port);
        browser.post("/api/portal/v1/auth/sign-in", Map.of("email", account.email(), "password", PASSWORD));
        for (Object body : new Object[] {Map.of(), Map.of("code", 123456), Map.of("code", "x".repeat(5000)),
                Map.of("code", "123456", "trust", true), "{", "null"}) {
            Api.Response response = browser.post("/api/portal/v1/auth/sign-in/second-factor", body);
            assertThat(response.status()).as("%s", body).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        for (String hostile : new String[] {"' OR 1=1 --", "<script>", "../../../"}) {
            Api.Response response = browser.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", hostile));
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.body()).doesNotContain("<script>");
        }
        assertThat(browser.get("/api/portal/v1/auth/session").status()).isEqualTo(401);
        // the account still works with a right code
        assertThat(browser.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", nextTotp(account.secret()))).status())
                .isEqualTo(200);
        for (String path : new String[] {"/api/portal/v1/auth/two-factor/confirm", "/api/portal/v1/auth/two-factor/disable",
                "/api/portal/v1/auth/two-factor/recovery-codes"}) {
            for (Object body : new Object[] {Map.of(), Map.of("code", List.of(1)), Map.of("code", "1", "password", 5), "{"}) {
                Api.Response response = browser.post(path, body);
                assertThat(response.status()).as("%s %s", path, body).isEqualTo(400);
                assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            }
        }
        assertThat(browser.get("/api/portal/v1/auth/two-factor").json().path("enabled").asBoolean()).isTrue();
    }
}
