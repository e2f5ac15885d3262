package io.supportflow.customer;

import static io.supportflow.customer.PortalAccountsTestSupport.PASSWORD;
import static io.supportflow.customer.PortalAccountsTestSupport.browser;
import static io.supportflow.customer.PortalAccountsTestSupport.lastMail;
import static io.supportflow.customer.PortalAccountsTestSupport.mailCount;
import static io.supportflow.customer.PortalAccountsTestSupport.newEmail;
import static io.supportflow.customer.PortalAccountsTestSupport.token;
import static io.supportflow.customer.PortalAccountsTestSupport.verifiedAccount;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.mail.MailOutbox;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sign-up with email verification, password reset and change, through the portal API as the pages use it. */
@IntegrationTest
class PortalAccountsIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    CustomerAccounts accounts;

    @Autowired
    MailOutbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CustomerApiTokens tokens;

    @Autowired
    AccountLinks links;

    @Autowired
    AuthThrottle throttle;

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    @Autowired
    io.supportflow.common.PublicUrl urls;

    @BeforeEach
    @AfterEach
    void clearThrottle() {
        PortalAccountsTestSupport.clearThrottle(jdbc);
    }

    private Map<String, Object> signUp(String email, String password) {
        return new HashMap<>(Map.of("name", "Sandy Signup", "email", email, "password", password));
    }

    @Test
    void aCustomerSignsUpVerifiesTheAddressAndSignsIn() {
        String email = newEmail("signup");
        Api browser = browser(port);

        Api.Response accepted = browser.post("/api/portal/v1/auth/sign-up", signUp(email, PASSWORD));

        assertThat(accepted.status()).isEqualTo(202);
        // not before the address is proven
        assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(403);
        String mail = lastMail(jdbc, outbox, email, "account-verify:");
        assertThat(mail).contains("Hello Sandy Signup").contains("/portal/verify.html#token=");

        Api.Response verified = browser.post("/api/portal/v1/auth/verify-email", Map.of("token", token(mail)));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("email").asText()).isEqualTo(email);
        // single use
        assertThat(browser.post("/api/portal/v1/auth/verify-email", Map.of("token", token(mail))).status()).isEqualTo(400);

        Api.Response signedIn = browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD));
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(browser.get("/api/portal/v1/auth/session").json().path("name").asText()).isEqualTo("Sandy Signup");
        assertThat(jdbc.sql("SELECT language FROM customer WHERE email = ?").param(email).query((rs, n) -> rs.getString(1)).list())
                .as("no language asked for: none stored").containsExactly((String) null);
    }

    @Test
    void aCustomerSigningUpInFrenchGetsAFrenchProfileAndFrenchMails() {
        String email = newEmail("signup-fr");
        Map<String, Object> body = signUp(email, PASSWORD);
        body.put("language", "fr");

        assertThat(browser(port).post("/api/portal/v1/auth/sign-up", body).status()).isEqualTo(202);

        assertThat(lastMail(jdbc, outbox, email, "account-verify:")).contains("Bonjour Sandy Signup");
        assertThat(jdbc.sql("SELECT language FROM customer WHERE email = ?").param(email).query(String.class).single()).isEqualTo("fr");
        // signing up again in another language does not change the language already chosen
        body.put("language", "en");
        assertThat(browser(port).post("/api/portal/v1/auth/sign-up", body).status()).isEqualTo(202);
        assertThat(jdbc.sql("SELECT language FROM customer WHERE email = ?").param(email).query(String.class).single()).isEqualTo("fr");
    }

    @Test
    void signingUpWithAnAddressThatHasAnAccountLooksTheSameAndMailsItsOwner() {
        String taken = newEmail("taken");
        verifiedAccount(accounts, taken);
        String fresh = newEmail("fresh");
        Api browser = browser(port);

        Api.Response forTaken = browser.post("/api/portal/v1/auth/sign-up", signUp(taken, "another good password"));
        Api.Response forFresh = browser.post("/api/portal/v1/auth/sign-up", signUp(fresh, "another good password"));

        assertThat(forTaken.status()).isEqualTo(forFresh.status()).isEqualTo(202);
        assertThat(forTaken.body()).isEqualTo(forFresh.body());
        assertThat(lastMail(jdbc, outbox, taken, "account-exists:")).contains("already have one").contains("/portal/forgot.html");
        // the owner's password is untouched
        assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", taken, "password", PASSWORD)).status()).isEqualTo(200);
        assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", taken, "password", "another good password")).status())
                .isEqualTo(401);
    }

    @Test
    void aNewerVerificationLinkReplacesTheOlderOneAndBringsItsOwnPassword() {
        String email = newEmail("twice");
        Api browser = browser(port);
        browser.post("/api/portal/v1/auth/sign-up", signUp(email, "first password 111"));
        String first = token(lastMail(jdbc, outbox, email, "account-verify:"));
        browser.post("/api/portal/v1/auth/sign-up", signUp(email, "second password 222"));
        String second = token(lastMail(jdbc, outbox, email, "account-verify:"));

        assertThat(browser.post("/api/portal/v1/auth/verify-email", Map.of("token", first)).status()).isEqualTo(400);
        assertThat(browser.post("/api/portal/v1/auth/verify-email", Map.of("token", second)).status()).isEqualTo(200);

        assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", "first password 111")).status())
                .isEqualTo(401);
        assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", "second password 222")).status())
                .isEqualTo(200);
    }

    @Test
    void aPasswordResetEndsEverySessionAndTokenAndTheLinkWorksOnce() {
        String email = newEmail("reset");
        verifiedAccount(accounts, email);
        Api session = browser(port);
        session.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD));
        String apiToken = Api.anonymous(port).post("/api/portal/v1/auth/tokens", Map.of("email", email, "password", PASSWORD))
                .json().path("token").asText();
        Api other = browser(port);

        Api.Response requested = other.post("/api/portal/v1/auth/password-reset", Map.of("email", email, "language", "fr"));
        Api.Response unknown = other.post("/api/portal/v1/auth/password-reset", Map.of("email", newEmail("nobody")));
        assertThat(requested.status()).isEqualTo(unknown.status()).isEqualTo(202);
        assertThat(requested.body()).isEqualTo(unknown.body());

        String mail = lastMail(jdbc, outbox, email, "password-reset:");
        assertThat(mail).contains("Bonjour").contains("/portal/reset.html#token=");
        String token = token(mail);
        // a refused password leaves the link usable
        Api.Response tooShort = other.post("/api/portal/v1/auth/password-reset/confirm", Map.of("token", token, "password", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().path("errors").get(0).path("field").asText()).isEqualTo("password");

        assertThat(other.post("/api/portal/v1/auth/password-reset/confirm", Map.of("token", token, "password", "brand new password"))
                .status()).isEqualTo(200);
        assertThat(other.post("/api/portal/v1/auth/password-reset/confirm", Map.of("token", token, "password", "yet another password"))
                .status()).isEqualTo(400);

        assertThat(session.get("/api/portal/v1/auth/session").status()).isEqualTo(401);
        assertThat(Api.bearer(port, apiToken).get("/api/portal/v1/auth/session").status()).isEqualTo(401);
        assertThat(other.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(401);
        assertThat(other.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", "brand new password")).status())
                .isEqualTo(200);
    }

    @Test
    void aResetLinkIsNotAVerificationLinkAndViceVersa() {
        String email = newEmail("purpose");
        Api browser = browser(port);
        browser.post("/api/portal/v1/auth/sign-up", signUp(email, PASSWORD));
        String verify = token(lastMail(jdbc, outbox, email, "account-verify:"));

        assertThat(browser.post("/api/portal/v1/auth/password-reset/confirm", Map.of("token", verify, "password", "brand new password"))
                .status()).isEqualTo(400);
        assertThat(browser.post("/api/portal/v1/auth/verify-email", Map.of("token", verify)).status()).isEqualTo(200);
    }

    @Test
    void theSignedInCustomerChangesTheirPasswordAndStaysSignedIn() {
        String email = newEmail("change");
        verifiedAccount(accounts, email);
        Api here = browser(port);
        Api elsewhere = browser(port);
        here.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD));
        elsewhere.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD));

        Api.Response wrong = here.post("/api/portal/v1/auth/password", Map.of("currentPassword", "not it at all", "newPassword", "a new password 1"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("errors").get(0).path("field").asText()).isEqualTo("currentPassword");
        Api.Response weak = here.post("/api/portal/v1/auth/password", Map.of("currentPassword", PASSWORD, "newPassword", email));
        assertThat(weak.status()).isEqualTo(400);

        assertThat(here.post("/api/portal/v1/auth/password", Map.of("currentPassword", PASSWORD, "newPassword", "a new password 1"))
                .status()).isEqualTo(204);

        assertThat(here.get("/api/portal/v1/auth/session").status()).isEqualTo(200);
        assertThat(elsewhere.get("/api/portal/v1/auth/session").status()).isEqualTo(401);
        assertThat(Api.browser(port).post("/api/portal/v1/auth/password", Map.of("currentPassword", PASSWORD, "newPassword", "x".repeat(12)))
                .status()).isIn(401, 403);
    }

    @Test
    void accountMailsToOneAddressAreCapped() {
        String email = newEmail("flood");
        verifiedAccount(accounts, email);
        Api browser = browser(port);
        for (int i = 0; i < 8; i++) {
            assertThat(browser.post("/api/portal/v1/auth/password-reset", Map.of("email", email)).status()).isEqualTo(202);
        }
        assertThat(mailCount(jdbc, email)).isEqualTo(5);
    }

    @Test
    void signUpModesDecideWhichAddressesMayHaveAnAccount() {
        AccountLifecycle domainsOnly = lifecycle(new PortalAccountSettings.Signup(PortalAccountSettings.SignupMode.DOMAINS,
                java.util.List.of("allowed.example")));
        AccountLifecycle closed = lifecycle(new PortalAccountSettings.Signup(PortalAccountSettings.SignupMode.CLOSED, null));
        String allowed = "someone-" + java.util.UUID.randomUUID() + "@allowed.example";
        String other = newEmail("elsewhere");

        domainsOnly.signUp("Al Lowed", allowed, PASSWORD, "en", "192.0.2.1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> domainsOnly.signUp("Ot Her", other, PASSWORD, "en", "192.0.2.1"))
                .isInstanceOf(AccountLifecycle.SignUpNotAllowed.class).hasMessageContaining("403");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> closed.signUp("Al Lowed", "x-" + allowed, PASSWORD, "en", "192.0.2.1"))
                .isInstanceOf(AccountLifecycle.SignUpNotAllowed.class);

        assertThat(lastMail(jdbc, outbox, allowed, "account-verify:")).contains("/portal/verify.html#token=");
        assertThat(accounts.byEmail(other)).isEmpty();
        assertThat(mailCount(jdbc, other)).isZero();
    }

    private AccountLifecycle lifecycle(PortalAccountSettings.Signup signup) {
        return new AccountLifecycle(accounts, tokens, links, throttle, events, urls, new PortalAccountSettings(signup, null, null, null));
    }

    @Test
    void aHostileNameIsStoredAsTextAndEscapedInTheMail() {
        String email = newEmail("hostile-name");
        Api browser = browser(port);
        Map<String, Object> body = signUp(email, PASSWORD);
        body.put("name", "<script>alert(1)</script> & Co");

        assertThat(browser.post("/api/portal/v1/auth/sign-up", body).status()).isEqualTo(202);

        String html = jdbc.sql("SELECT body_html FROM mail_outgoing WHERE recipient = :r ORDER BY id DESC LIMIT 1")
                .param("r", email).query(String.class).single();
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co");
        browser.post("/api/portal/v1/auth/verify-email", Map.of("token", token(lastMail(jdbc, outbox, email, "account-verify:"))));
        browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD));
        assertThat(browser.get("/api/portal/v1/auth/session").json().path("name").asText()).isEqualTo("<script>alert(1)</script> & Co");
    }

    @Test
    void badPasswordChangesGetProblemDetailsAndChangeNothing() {
        String email = newEmail("badchange");
        verifiedAccount(accounts, email);
        Api browser = browser(port);
        browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD));
        for (Object body : new Object[] {Map.of(), Map.of("currentPassword", PASSWORD), Map.of("currentPassword", 1, "newPassword", 2),
                Map.of("currentPassword", PASSWORD, "newPassword", "x".repeat(5000)),
                Map.of("currentPassword", PASSWORD, "newPassword", "short"),
                Map.of("currentPassword", "' OR 1=1 --", "newPassword", "long enough password"),
                Map.of("currentPassword", PASSWORD, "newPassword", "long enough password", "email", "other@example.net"),
                "{", "[]"}) {
            Api.Response response = browser.post("/api/portal/v1/auth/password", body);
            assertThat(response.status()).as("%s", abbreviated(body)).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(browser.get("/api/portal/v1/auth/session").status()).isEqualTo(200);
        assertThat(browser(port).post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void providersAreListedPublicly() {
        Api.Response providers = Api.anonymous(port).get("/api/portal/v1/auth/providers");
        assertThat(providers.status()).isEqualTo(200);
        assertThat(providers.json().isArray()).isTrue();
    }

    @Test
    void badInputGetsProblemDetailsAndLosesNothing() {
        String email = newEmail("keep");
        verifiedAccount(accounts, email);
        Api browser = browser(port);
        String huge = "x".repeat(100_000);
        Object[][] cases = {
                {"/api/portal/v1/auth/sign-up", Map.of("email", "a@b.example", "password", PASSWORD)},
                {"/api/portal/v1/auth/sign-up", Map.of("name", 42, "email", "a@b.example", "password", PASSWORD)},
                {"/api/portal/v1/auth/sign-up", Map.of("name", "N", "email", List(), "password", PASSWORD)},
                {"/api/portal/v1/auth/sign-up", Map.of("name", "N", "email", "a@b.example", "password", PASSWORD, "admin", true)},
                {"/api/portal/v1/auth/sign-up", Map.of("name", "N", "email", "<script>alert(1)</script>@x.example", "password", PASSWORD)},
                {"/api/portal/v1/auth/sign-up", Map.of("name", "N", "email", "' OR 1=1 --", "password", PASSWORD)},
                {"/api/portal/v1/auth/sign-up", Map.of("name", "N", "email", "../../etc/passwd", "password", PASSWORD)},
                {"/api/portal/v1/auth/sign-up", Map.of("name", huge, "email", "a@b.example", "password", PASSWORD)},
                {"/api/portal/v1/auth/sign-up", Map.of("name", "N", "email", "a@b.example", "password", huge)},
                {"/api/portal/v1/auth/sign-up", Map.of("name", "N", "email", "a@b.example", "password", "short")},
                {"/api/portal/v1/auth/sign-up", Map.of("name", "Line\r\nBcc: x@y.example", "email", "a@b.example", "password", PASSWORD)},
                {"/api/portal/v1/auth/sign-up", Map.of("name", "N", "email", "a@b.example", "password", PASSWORD, "language", "../en")},
                {"/api/portal/v1/auth/sign-up", Map.of("name", "N", "email", email, "password", email)},
                {"/api/portal/v1/auth/sign-up", "{not json"},
                {"/api/portal/v1/auth/sign-up", "[]"},
                {"/api/portal/v1/auth/verify-email", Map.of()},
                {"/api/portal/v1/auth/verify-email", Map.of("token", 12)},
                {"/api/portal/v1/auth/verify-email", Map.of("token", "' OR 1=1 --")},
                {"/api/portal/v1/auth/verify-email", Map.of("token", "../../etc/passwd")},
                {"/api/portal/v1/auth/verify-email", Map.of("token", huge)},
                {"/api/portal/v1/auth/password-reset", Map.of()},
                {"/api/portal/v1/auth/password-reset", Map.of("email", "<img src=x onerror=alert(1)>")},
                {"/api/portal/v1/auth/password-reset", Map.of("email", email, "extra", 1)},
                {"/api/portal/v1/auth/password-reset", Map.of("email", true)},
                {"/api/portal/v1/auth/password-reset/confirm", Map.of("token", "x")},
                {"/api/portal/v1/auth/password-reset/confirm", Map.of("token", "A".repeat(43), "password", "long enough password")},
                {"/api/portal/v1/auth/password-reset/confirm", Map.of("token", "' OR used_at IS NULL --", "password", "long enough password")},
        };
        for (Object[] c : cases) {
            Api.Response response = browser.post((String) c[0], c[1]);
            assertThat(response.status()).as("%s %s", c[0], abbreviated(c[1])).isEqualTo(400);
            assertThat(response.header("Content-Type")).as("%s", c[0]).startsWith("application/problem+json");
            assertThat(response.body()).doesNotContain("<script>").doesNotContain("onerror").doesNotContain(huge);
        }
        assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM customer WHERE email LIKE '%<script>%' OR email LIKE '%passwd%'")
                .query(Integer.class).single()).isZero();
    }

    private static java.util.List<Object> List() {
        return java.util.List.of("a@b.example");
    }

    private static String abbreviated(Object body) {
        String text = String.valueOf(body);
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
