package io.supportflow.customer;

import static io.supportflow.customer.PortalAccountsTestSupport.PASSWORD;
import static io.supportflow.customer.PortalAccountsTestSupport.browser;
import static io.supportflow.customer.PortalAccountsTestSupport.newEmail;
import static io.supportflow.customer.PortalAccountsTestSupport.totp;
import static io.supportflow.customer.PortalAccountsTestSupport.verifiedAccount;
import static io.supportflow.customer.TotpSecretCipherTest.v1;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Rotating the TOTP encryption key: the start's migration, built here with its own key ring (the application's key as the
 * current one, a key of this test as the previous one, as after an operator's rotation), brings every value to the current
 * key; a value no configured key decrypts is left and reported; customers sign in with their codes as before.
 */
@IntegrationTest
class TotpKeyRotationIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    CustomerAccounts accounts;

    @Autowired
    TwoFactor twoFactor;

    @Autowired
    TotpSecretCipher applicationCipher;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    /** The application's (demo profile's) key: the current key after this test's rotation, so the application reads the result. */
    @Value("${supportflow.portal.totp-encryption-key}")
    String currentKey;

    private final byte[] previousKey = newKey();
    private final byte[] lostKey = newKey();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        PortalAccountsTestSupport.clearThrottle(jdbc);
        log.start();
        ((Logger) LoggerFactory.getLogger(TotpSecretMigration.class)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(TotpSecretMigration.class)).detachAppender(log);
        PortalAccountsTestSupport.clearThrottle(jdbc);
    }

    @Test
    void everyValueMovesToTheCurrentKeyOnceAndCustomersStillSignInWithTheirCodes() throws Exception {
        TotpSecretCipher rotated = new TotpSecretCipher(
                new TotpKeyRing(currentKey, Base64.getEncoder().encodeToString(previousKey) + "," + currentKey));
        TotpSecretCipher beforeRotation = new TotpSecretCipher(previousKey);
        byte[] currentKeyBytes = Base64.getDecoder().decode(currentKey);

        Seeded underPreviousKey = seed("rot-prev", id -> beforeRotation.toColumn(secretOf("rot-prev-" + id), id),
                id -> ascii(v1(previousKey, pendingOf(id), id)));
        Seeded v1UnderCurrentKey = seed("rot-v1", id -> ascii(v1(currentKeyBytes, secretOf("rot-v1-" + id), id)), id -> null);
        Seeded clear = seed("rot-clear", id -> secretOf("rot-clear-" + id), id -> pendingOf(id));
        Seeded lost = seed("rot-lost", id -> new TotpSecretCipher(lostKey).toColumn(secretOf("rot-lost-" + id), id), id -> null);
        List<String> recoveryCodes = twoFactor.newRecoveryCodes(lost.id());

        // two nodes starting at once, in small chunks so that each run takes several turns at the lock
        CompletableFuture<TotpSecretMigration.Result> node1 = CompletableFuture.supplyAsync(() -> migration(rotated, 2).migrate());
        CompletableFuture<TotpSecretMigration.Result> node2 = CompletableFuture.supplyAsync(() -> migration(rotated, 3).migrate());
        TotpSecretMigration.Result first = node1.get();
        TotpSecretMigration.Result second = node2.get();

        // 2 + 1 + 2 values of this test, at least (other test classes' rows are on the same key already, or lost the same way)
        assertThat(first.reEncrypted() + second.reEncrypted()).isGreaterThanOrEqualTo(5);
        assertThat(first.undecryptableAccounts()).contains(lost.id());
        assertThat(second.undecryptableAccounts()).contains(lost.id());
        List<ILoggingEvent> warnings = log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).as("one warning per run").hasSize(2).allSatisfy(w -> assertThat(w.getFormattedMessage())
                .matches("TOTP secrets that no configured key decrypts .*: [1-9]\\d*\\. .*").doesNotContain(Base64.getEncoder().encodeToString(lostKey)));

        for (Seeded seeded : List.of(underPreviousKey, v1UnderCurrentKey, clear)) {
            assertCurrent(seeded, "totp_secret");
            if (seeded.pending() != null) {
                assertCurrent(seeded, "totp_pending_secret");
            }
        }
        assertThat(applicationCipher.fromColumn(column("totp_secret", underPreviousKey.id()), underPreviousKey.id()))
                .isEqualTo(underPreviousKey.secret());
        assertThat(applicationCipher.fromColumn(column("totp_pending_secret", underPreviousKey.id()), underPreviousKey.id()))
                .isEqualTo(underPreviousKey.pending());
        assertThat(column("totp_secret", lost.id())).as("left as it was").isEqualTo(lost.stored());

        // a second start changes nothing
        byte[] afterFirstRun = column("totp_secret", underPreviousKey.id());
        TotpSecretMigration.Result again = migration(rotated, TotpSecretMigration.CHUNK).migrate();
        assertThat(again.reEncrypted()).isZero();
        assertThat(column("totp_secret", underPreviousKey.id())).isEqualTo(afterFirstRun);

        for (Seeded seeded : List.of(underPreviousKey, v1UnderCurrentKey, clear)) {
            Api browser = browser(port);
            assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", seeded.email(), "password", PASSWORD)).status())
                    .isEqualTo(202);
            assertThat(browser.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", totp(Totp.base32(seeded.secret()))))
                    .status()).as(seeded.email()).isEqualTo(200);
            assertThat(browser.get("/api/portal/v1/auth/session").json().path("email").asText()).isEqualTo(seeded.email());
        }

        // the customer whose key is lost: codes are refused like wrong ones, a recovery code opens the account
        Api browser = browser(port);
        assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", lost.email(), "password", PASSWORD)).status()).isEqualTo(202);
        assertThat(browser.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", totp(Totp.base32(lost.secret())))).status())
                .isEqualTo(401);
        assertThat(browser.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", recoveryCodes.get(0))).status()).isEqualTo(200);
        assertThat(browser.get("/api/portal/v1/auth/session").json().path("email").asText()).isEqualTo(lost.email());
    }

    @Test
    void aSecretWrittenInClearAfterTheStartIsRefused() {
        Seeded clear = seed("rot-late-clear", id -> secretOf("rot-late-clear-" + id), id -> null);

        Api browser = browser(port);
        assertThat(browser.post("/api/portal/v1/auth/sign-in", Map.of("email", clear.email(), "password", PASSWORD)).status()).isEqualTo(202);
        assertThat(browser.post("/api/portal/v1/auth/sign-in/second-factor", Map.of("code", totp(Totp.base32(clear.secret())))).status())
                .isEqualTo(401);
        assertThat(browser.get("/api/portal/v1/auth/session").status()).isEqualTo(401);
    }

    private record Seeded(long id, String email, byte[] secret, byte[] pending, byte[] stored) {
    }

    /** A verified account with two-factor on, whose columns hold what the functions make of its id. */
    private Seeded seed(String prefix, java.util.function.LongFunction<byte[]> secretColumn, java.util.function.LongFunction<byte[]> pendingColumn) {
        String email = newEmail(prefix);
        long id = verifiedAccount(accounts, email).accountId();
        byte[] stored = secretColumn.apply(id);
        byte[] pending = pendingColumn.apply(id);
        jdbc.sql("""
                UPDATE customer_account SET totp_secret = :secret, totp_pending_secret = :pending, totp_enabled_at = now(),
                    totp_last_step = 0 WHERE id = :id""")
                .param("secret", stored).param("pending", pending).param("id", id).update();
        return new Seeded(id, email, secretOf(prefix + "-" + id), pending == null ? null : pendingOf(id), stored);
    }

    private TotpSecretMigration migration(TotpSecretCipher cipher, int chunkSize) {
        return new TotpSecretMigration(jdbc, cipher, transactions, chunkSize);
    }

    private void assertCurrent(Seeded seeded, String column) {
        byte[] value = column(column, seeded.id());
        assertThat(new String(value, StandardCharsets.ISO_8859_1)).as("%s of %s", column, seeded.email())
                .startsWith(applicationCipher.currentPrefix());
    }

    private byte[] column(String column, long accountId) {
        return jdbc.sql("SELECT " + column + " FROM customer_account WHERE id = :id").param("id", accountId).query(byte[].class).single();
    }

    /** A secret derived from a name: the test knows it without keeping it. */
    private static byte[] secretOf(String name) {
        try {
            return java.util.Arrays.copyOf(java.security.MessageDigest.getInstance("SHA-256").digest(ascii(name)), Totp.SECRET_BYTES);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pendingOf(long accountId) {
        return secretOf("pending-" + accountId);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
