package io.supportflow.customer;

import static io.supportflow.customer.PortalAccountsTestSupport.PASSWORD;
import static io.supportflow.customer.PortalAccountsTestSupport.browser;
import static io.supportflow.customer.PortalAccountsTestSupport.newEmail;
import static io.supportflow.customer.PortalAccountsTestSupport.nextTotp;
import static io.supportflow.customer.PortalAccountsTestSupport.totp;
import static io.supportflow.customer.PortalAccountsTestSupport.verifiedAccount;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Customers' TOTP secrets are encrypted in the database, and those stored in clear by an earlier version are encrypted at start. */
@IntegrationTest
class TotpSecretEncryptionIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    CustomerAccounts accounts;

    @Autowired
    TotpSecretMigration migration;

    @Autowired
    TotpSecretCipher cipher;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    @AfterEach
    void clearThrottle() {
        PortalAccountsTestSupport.clearThrottle(jdbc);
    }

    @Test
    void enrolmentThroughTheApiStoresOnlyTheEncryptedSecret() {
        String email = newEmail("totp-enc");
        CustomerPrincipal customer = verifiedAccount(accounts, email);
        Api browser = browser(port);
        assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(200);
        String secret = browser.post("/api/portal/v1/auth/two-factor/enrolment", null).json().path("secret").asText();

        byte[] pending = column("totp_pending_secret", customer.accountId());
        assertEncrypted(pending, secret);

        assertThat(browser.post("/api/portal/v1/auth/two-factor/confirm", Map.of("code", totp(secret))).status()).isEqualTo(200);
        byte[] stored = column("totp_secret", customer.accountId());
        assertEncrypted(stored, secret);
        assertThat(cipher.fromColumn(stored, customer.accountId())).isEqualTo(Totp.fromBase32(secret));

        Api again = browser(port);
        assertThat(again.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(202);
        assertThat(again.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", nextTotp(secret))).status()).isEqualTo(200);
        assertThat(again.get("/api/portal/v1/auth/session").json().path("email").asText()).isEqualTo(email);
    }

    @Test
    void anEncryptedSecretCopiedToAnotherAccountOpensNothing() {
        String victimEmail = newEmail("totp-victim");
        CustomerPrincipal victim = verifiedAccount(accounts, victimEmail);
        Api browser = browser(port);
        browser.post("/api/portal/v1/auth/sign-in", Map.of("email", victimEmail, "password", PASSWORD));
        String secret = browser.post("/api/portal/v1/auth/two-factor/enrolment", null).json().path("secret").asText();
        assertThat(browser.post("/api/portal/v1/auth/two-factor/confirm", Map.of("code", totp(secret))).status()).isEqualTo(200);
        // someone with write access to the table puts the victim's value, whose secret they know, on another account
        String otherEmail = newEmail("totp-other");
        CustomerPrincipal other = verifiedAccount(accounts, otherEmail);
        jdbc.sql("UPDATE customer_account SET totp_secret = :secret, totp_enabled_at = now(), totp_last_step = 0 WHERE id = :id")
                .param("secret", column("totp_secret", victim.accountId())).param("id", other.accountId()).update();

        Api attacker = browser(port);
        assertThat(attacker.post("/api/portal/v1/auth/sign-in", Map.of("email", otherEmail, "password", PASSWORD)).status()).isEqualTo(202);
        assertThat(attacker.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", nextTotp(secret))).status()).isEqualTo(401);
        assertThat(attacker.get("/api/portal/v1/auth/session").status()).isEqualTo(401);
    }

    @Test
    void secretsStoredInClearByAnEarlierVersionAreEncryptedOnceAndStillWork() throws Exception {
        String email = newEmail("totp-legacy");
        CustomerPrincipal customer = verifiedAccount(accounts, email);
        byte[] clear = Totp.newSecret();
        byte[] clearPending = Totp.newSecret();
        // as the version before encryption wrote them: the raw bytes
        jdbc.sql("""
                UPDATE customer_account SET totp_secret = :secret, totp_pending_secret = :pending, totp_enabled_at = now(),
                    totp_last_step = 0 WHERE id = :id""")
                .param("secret", clear).param("pending", clearPending).param("id", customer.accountId()).update();

        // two nodes starting at once
        List<CompletableFuture<Integer>> starts = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            starts.add(CompletableFuture.supplyAsync(() -> migration.migrate().reEncrypted()));
        }
        int encrypted = starts.get(0).get() + starts.get(1).get();

        assertThat(encrypted).isGreaterThanOrEqualTo(2);
        byte[] stored = column("totp_secret", customer.accountId());
        byte[] storedPending = column("totp_pending_secret", customer.accountId());
        assertEncrypted(stored, Totp.base32(clear));
        assertEncrypted(storedPending, Totp.base32(clearPending));
        assertThat(cipher.fromColumn(stored, customer.accountId())).isEqualTo(clear);
        assertThat(cipher.fromColumn(storedPending, customer.accountId())).isEqualTo(clearPending);

        // a second start leaves encrypted values alone
        migration.migrate();
        assertThat(column("totp_secret", customer.accountId())).isEqualTo(stored);
        assertThat(column("totp_pending_secret", customer.accountId())).isEqualTo(storedPending);

        Api browser = browser(port);
        assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(202);
        assertThat(browser.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", totp(Totp.base32(clear)))).status())
                .isEqualTo(200);
    }

    private byte[] column(String column, long accountId) {
        return jdbc.sql("SELECT " + column + " FROM customer_account WHERE id = :id").param("id", accountId).query(byte[].class).single();
    }

    private static void assertEncrypted(byte[] column, String base32Secret) {
        String text = new String(column, StandardCharsets.ISO_8859_1);
        assertThat(text).matches("v2:[0-9a-f]{8}:.*").doesNotContain(base32Secret);
        assertThat(indexOf(column, Totp.fromBase32(base32Secret))).isNegative();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
