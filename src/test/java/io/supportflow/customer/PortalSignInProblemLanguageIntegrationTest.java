package io.supportflow.customer;

import static io.supportflow.support.Problems.assertProblem;
import static io.supportflow.customer.PortalAccountsTestSupport.PASSWORD;
import static io.supportflow.customer.PortalAccountsTestSupport.newEmail;
import static io.supportflow.customer.PortalAccountsTestSupport.verifiedAccount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sign-in, two-factor and security refusals of the portal's API in the page's language (Accept-Language). */
@IntegrationTest
class PortalSignInProblemLanguageIntegrationTest {

    static final String SIGN_IN = "/api/portal/v1/auth/sign-in";

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
    void signInRefusalsAreFrenchOnAFrenchPage() {
        String email = newEmail("langue");
        verifiedAccount(accounts, email);
        Api browser = PortalAccountsTestSupport.browser(port);
        Api french = browser.acceptLanguage("fr");

        assertProblem(french.get("/api/portal/v1/auth/session"), 401, "Non connecté", "Personne n’est connecté.");
        assertProblem(browser.get("/api/portal/v1/auth/session"), 401, "Unauthorized", "Nobody is signed in.");
        assertProblem(french.post(SIGN_IN, Map.of("email", email, "password", "wrong password")), 401, "Non connecté",
                "L’adresse e-mail ou le mot de passe est incorrect.");
        assertProblem(browser.post(SIGN_IN, Map.of("email", email, "password", "wrong password")), 401, "Unauthorized",
                "Email or password is wrong.");
        JsonNode blank = assertProblem(french.post(SIGN_IN, Map.of("email", "", "password", "p")), 400, "Données invalides",
                "Certains champs sont invalides.");
        assertThat(blank.path("errors").get(0).path("field").asText()).isEqualTo("email");
        assertThat(blank.path("errors").get(0).path("message").asText()).isEqualTo("ne doit pas être vide");

        // not signed in, and no CSRF token: refused by the security filters, before Spring MVC, in French too
        Api.Response anonymous = Api.anonymous(port).acceptLanguage("fr").get("/api/portal/v1/tickets");
        assertProblem(anonymous, 401, "Non connecté", "Connectez-vous d’abord au portail (une session, ou Authorization: Bearer <jeton>).");
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertProblem(Api.anonymous(port).acceptLanguage("fr").post(SIGN_IN, Map.of("email", email, "password", PASSWORD)), 403, "Interdit",
                "Le jeton CSRF manque ou est incorrect : envoyez la valeur du cookie XSRF-TOKEN dans un en-tête X-XSRF-TOKEN.");
        assertProblem(Api.anonymous(port).post(SIGN_IN, Map.of("email", email, "password", PASSWORD)), 403, "Forbidden",
                "The CSRF token is missing or wrong: send the XSRF-TOKEN cookie's value in an X-XSRF-TOKEN header.");

        // signed in: two-factor refusals
        assertThat(french.post(SIGN_IN, Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(200);
        assertProblem(french.post("/api/portal/v1/auth/two-factor/recovery-codes", Map.of("code", "123456")), 409, "Conflit",
                "La connexion en deux étapes est désactivée.");
        assertProblem(french.post("/api/portal/v1/auth/two-factor/confirm", Map.of("code", "123456")), 400, "Données invalides",
                "Le code est incorrect, ou aucun enregistrement n’a été commencé.");
        assertProblem(french.post("/api/portal/v1/auth/password", Map.of("currentPassword", PASSWORD, "newPassword", "short")), 400,
                "Données invalides", "Le mot de passe doit compter au moins 10 caractères.");
    }

    @Test
    void tooManyAttemptsAreFrenchToo() {
        String email = newEmail("bloque");
        verifiedAccount(accounts, email);
        Api french = PortalAccountsTestSupport.browser(port).acceptLanguage("fr");
        for (int i = 0; i < settings.throttle().accountFailures(); i++) {
            assertThat(french.post(SIGN_IN, Map.of("email", email, "password", "wrong password " + i)).status()).isEqualTo(401);
        }
        Api.Response throttled = french.post(SIGN_IN, Map.of("email", email, "password", PASSWORD));
        JsonNode problem = assertProblem(throttled, 429, "Trop de tentatives", "Trop de tentatives. Patientez un moment puis réessayez.");
        assertThat(problem.path("retryAfter").asLong()).isPositive();
        assertThat(throttled.header("Retry-After")).isNotBlank();
        assertProblem(Api.anonymous(port).post("/api/portal/v1/auth/tokens", Map.of("email", email, "password", PASSWORD)), 429,
                "Too many requests", "Too many attempts. Wait a while and try again.");
    }
}
