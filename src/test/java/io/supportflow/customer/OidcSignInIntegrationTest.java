package io.supportflow.customer;

import static io.supportflow.customer.PortalAccountsTestSupport.PASSWORD;
import static io.supportflow.customer.PortalAccountsTestSupport.newEmail;
import static io.supportflow.customer.PortalAccountsTestSupport.verifiedAccount;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * OpenID Connect sign-in against a real provider on loopback (mock-oauth2-server: discovery, authorization
 * endpoint, token endpoint, JWKS, userinfo), registered at run time so the shared test context needs no
 * properties. The browser's part (redirects, cookies) is played by an HTTP client that follows nothing on its own.
 */
@IntegrationTest
class OidcSignInIntegrationTest {

    static MockOAuth2Server provider;

    @LocalServerPort
    int port;

    @Autowired
    PortalClientRegistrations registrations;

    @Autowired
    CustomerAccounts accounts;

    @Autowired
    TwoFactor twoFactor;

    @Autowired
    JdbcClient jdbc;

    String registrationId;

    @BeforeAll
    static void startProvider() {
        provider = new MockOAuth2Server();
        provider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.shutdown();
    }

    @BeforeEach
    void register() {
        registrationId = "mock-" + UUID.randomUUID().toString().substring(0, 8);
        // discovery through the provider's /.well-known/openid-configuration, as issuer-uri does in configuration
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(provider.issuerUrl("portal").toString())
                .registrationId(registrationId).clientName("Mock ID").clientId("supportflow-portal").clientSecret("test-only-secret")
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").scope("openid", "email", "profile").build();
        registrations.register(registration);
        PortalAccountsTestSupport.clearThrottle(jdbc);
    }

    @AfterEach
    void unregister() {
        registrations.remove(registrationId);
    }

    /** A browser: cookies kept, redirects followed one by one so the test sees each. */
    final class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).build();

        HttpResponse<String> get(String url) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(url.startsWith("/") ? "http://localhost:" + port + url : url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** From "Sign in with …" to the page the portal lands on; returns that last redirect's target. */
        String signIn(String subject, Map<String, Object> claims) throws Exception {
            HttpResponse<String> start = get("/oauth2/authorization/" + registrationId);
            assertThat(start.statusCode()).isEqualTo(302);
            String authorize = start.headers().firstValue("Location").orElseThrow();
            assertThat(authorize).startsWith(provider.issuerUrl("portal").toString()).contains("nonce=").contains("state=");
            provider.enqueueCallback(new DefaultOAuth2TokenCallback("portal", subject, "JWT", null, claims, 3600));
            HttpResponse<String> fromProvider = get(authorize);
            assertThat(fromProvider.statusCode()).isEqualTo(302);
            String callback = fromProvider.headers().firstValue("Location").orElseThrow();
            assertThat(callback).startsWith("http://localhost:" + port + "/login/oauth2/code/" + registrationId + "?code=");
            HttpResponse<String> landed = get(callback);
            assertThat(landed.statusCode()).as(landed.body()).isEqualTo(302);
            return landed.headers().firstValue("Location").orElseThrow();
        }

        HttpResponse<String> session() throws Exception {
            return get("/api/portal/v1/auth/session");
        }
    }

    @Test
    void aVerifiedEmailFromTheProviderCreatesTheAccountAndSignsIn() throws Exception {
        String email = newEmail("oidc-new");
        Browser browser = new Browser();

        String landed = browser.signIn("subject-" + UUID.randomUUID(), Map.of("email", email, "email_verified", true, "name", "Olivia Oidc"));

        assertThat(landed).endsWith("/portal/");
        HttpResponse<String> session = browser.session();
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.body()).contains(email).contains("Olivia Oidc");
        CustomerAccounts.Account account = accounts.byEmail(email).orElseThrow();
        assertThat(account.emailVerified()).isTrue();
        assertThat(account.passwordHash()).isNull();
        assertThat(jdbc.sql("SELECT registration_id FROM customer_account_identity WHERE account_id = :id").param("id", account.id())
                .query(String.class).single()).isEqualTo(registrationId);
        // listed for the sign-in page
        assertThat(Api.anonymous(port).get("/api/portal/v1/auth/providers").body())
                .contains("\"id\":\"" + registrationId + "\"").contains("Mock ID").contains("/oauth2/authorization/" + registrationId);
    }

    @Test
    void theProvidersVerifiedEmailLinksTheExistingAccountAndTheSubjectKeepsIt() throws Exception {
        String email = newEmail("oidc-link");
        CustomerPrincipal existing = verifiedAccount(accounts, email);
        String subject = "subject-" + UUID.randomUUID();

        Browser first = new Browser();
        first.signIn(subject, Map.of("email", email, "email_verified", true));
        assertThat(first.session().body()).contains("\"customerId\":" + existing.customerId());

        // later the provider reports another address: the linked subject still means this account
        Browser second = new Browser();
        second.signIn(subject, Map.of("email", newEmail("renamed"), "email_verified", true));
        assertThat(second.session().body()).contains("\"customerId\":" + existing.customerId());
        // and the password still works
        assertThat(PortalAccountsTestSupport.browser(port).post("/api/portal/v1/auth/sign-in",
                Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void anUnverifiedEmailIsRefusedWithAReason() throws Exception {
        String email = newEmail("oidc-unverified");
        Browser browser = new Browser();

        String landed = browser.signIn("subject-" + UUID.randomUUID(), Map.of("email", email, "email_verified", false));

        assertThat(landed).endsWith("/portal/signin.html?error=email_not_verified");
        assertThat(browser.session().statusCode()).isEqualTo(401);
        assertThat(accounts.byEmail(email)).isEmpty();

        Browser noClaim = new Browser();
        assertThat(noClaim.signIn("subject-" + UUID.randomUUID(), Map.of("email", newEmail("oidc-noclaim"))))
                .endsWith("/portal/signin.html?error=email_not_verified");
        assertThat(noClaim.session().statusCode()).isEqualTo(401);
    }

    @Test
    void aPasswordNobodyVerifiedDiesWhenTheProviderProvesTheAddress() throws Exception {
        String email = newEmail("oidc-squatted");
        accounts.create("Squatter", email, "squatters password");

        new Browser().signIn("subject-" + UUID.randomUUID(), Map.of("email", email, "email_verified", true));

        assertThat(PortalAccountsTestSupport.browser(port).post("/api/portal/v1/auth/sign-in",
                Map.of("email", email, "password", "squatters password")).status()).isEqualTo(401);
    }

    @Test
    void withTwoFactorOnTheProviderOnlyOpensTheSecondStep() throws Exception {
        String email = newEmail("oidc-2fa");
        CustomerPrincipal customer = verifiedAccount(accounts, email);
        String secret = twoFactor.startEnrolment(customer).secret();
        assertThat(twoFactor.confirmEnrolment(customer.accountId(), PortalAccountsTestSupport.totp(secret))).isPresent();
        Browser browser = new Browser();

        String landed = browser.signIn("subject-" + UUID.randomUUID(), Map.of("email", email, "email_verified", true));

        assertThat(landed).endsWith("/portal/signin.html?step=code");
        assertThat(browser.session().statusCode()).isEqualTo(401);
        assertThat(browser.session().body()).contains("secondFactorRequired");
        assertThat(browser.get("/api/portal/v1/auth/two-factor").statusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownProviderIsNotFound() throws Exception {
        HttpResponse<String> response = new Browser().get("/oauth2/authorization/nobody-" + UUID.randomUUID());
        assertThat(response.statusCode()).isEqualTo(404);
        HttpResponse<String> forged = new Browser().get("/login/oauth2/code/" + registrationId + "?code=forged&state=forged");
        assertThat(forged.statusCode()).isEqualTo(302);
        assertThat(forged.headers().firstValue("Location").orElseThrow()).endsWith("/portal/signin.html?error=oidc_failed");
    }
}
