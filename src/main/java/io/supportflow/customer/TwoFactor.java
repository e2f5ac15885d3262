package io.supportflow.customer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * TOTP two-factor sign-in for customers: enrolment (a secret shown as a QR code and an otpauth:// URI,
 * confirmed with a first code), ten one-time recovery codes (stored as SHA-256), checking a code at sign-in
 * (each TOTP step and each recovery code works once), and turning it off. Secrets are stored encrypted
 * ({@link TotpSecretCipher}).
 */
@Component
@Transactional
class TwoFactor {

    static final int RECOVERY_CODES = 10;
    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TwoFactor.class);

    record Status(boolean enabled, boolean enrolmentPending, int recoveryCodesLeft) {
    }

    record Enrolment(String secret, String otpauthUri, String qrCode) {
    }

    private final JdbcClient jdbc;
    private final TotpSecretCipher cipher;
    private final Clock clock;
    private final String issuer;

    /** @param issuer the name authenticator apps show beside the code: the support desk's mail sender name */
    TwoFactor(JdbcClient jdbc, TotpSecretCipher cipher,
            @org.springframework.beans.factory.annotation.Value("${supportflow.mail.outbound.from-name:SupportFlow}") String issuer) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = Clock.systemUTC();
        this.issuer = issuer == null || issuer.isBlank() ? "SupportFlow" : issuer.strip();
    }

    @Transactional(readOnly = true)
    Status status(long accountId) {
        return jdbc.sql("""
                SELECT a.totp_enabled_at IS NOT NULL, a.totp_pending_secret IS NOT NULL,
                       (SELECT count(*) FROM customer_recovery_code r WHERE r.account_id = a.id AND r.used_at IS NULL)
                FROM customer_account a WHERE a.id = :id""")
                .param("id", accountId)
                .query((rs, n) -> new Status(rs.getBoolean(1), rs.getBoolean(2), rs.getInt(3))).single();
    }

    /** A new secret waiting for its first code; shown once (a second enrolment replaces it). */
    Enrolment startEnrolment(CustomerPrincipal customer) {
        byte[] secret = Totp.newSecret();
        jdbc.sql("UPDATE customer_account SET totp_pending_secret = :secret WHERE id = :id")
                .param("secret", cipher.toColumn(secret, customer.accountId())).param("id", customer.accountId()).update();
        String base32 = Totp.base32(secret);
        String label = encode(issuer) + ":" + encode(customer.email());
        String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        return new Enrolment(base32, uri, QrCodes.svgDataUri(uri));
    }

    /** The first code proves the authenticator holds the secret: two-factor is on; the recovery codes, once. */
    java.util.Optional<List<String>> confirmEnrolment(long accountId, String code) {
        byte[] pending = jdbc.sql("SELECT totp_pending_secret FROM customer_account WHERE id = :id")
                .param("id", accountId).query(byte[].class).optional().orElse(null);
        if (pending == null) {
            return java.util.Optional.empty();
        }
        OptionalLong step = verifyWith(pending, accountId, code, 0);
        if (step.isEmpty()) {
            return java.util.Optional.empty();
        }
        jdbc.sql("""
                UPDATE customer_account SET totp_secret = totp_pending_secret, totp_pending_secret = NULL,
                    totp_enabled_at = now(), totp_last_step = :step WHERE id = :id""")
                .param("step", step.getAsLong()).param("id", accountId).update();
        return java.util.Optional.of(newRecoveryCodes(accountId));
    }

    /** A TOTP code (not used before) or an unused recovery code, which is used up. */
    boolean verify(long accountId, String code) {
        if (code == null) {
            return false;
        }
        String clean = code.strip().replace(" ", "").replace("-", "").toLowerCase(Locale.ROOT);
        if (clean.matches("\\d{" + Totp.DIGITS + "}")) {
            record Secret(byte[] secret, long lastStep) {
            }
            Secret stored = jdbc.sql("SELECT totp_secret, totp_last_step FROM customer_account WHERE id = :id AND totp_secret IS NOT NULL FOR UPDATE")
                    .param("id", accountId).query((rs, n) -> new Secret(rs.getBytes(1), rs.getLong(2))).optional().orElse(null);
            if (stored == null) {
                return false;
            }
            OptionalLong step = verifyWith(stored.secret(), accountId, clean, stored.lastStep());
            // the conditional update refuses a step that another request has just accepted (replay, race)
            return step.isPresent() && jdbc.sql("UPDATE customer_account SET totp_last_step = :step WHERE id = :id AND totp_last_step < :step")
                    .param("step", step.getAsLong()).param("id", accountId).update() == 1;
        }
        if (clean.length() != 10 || !clean.chars().allMatch(c -> RECOVERY_ALPHABET.indexOf(c) >= 0)) {
            return false;
        }
        return jdbc.sql("""
                UPDATE customer_recovery_code SET used_at = now()
                WHERE account_id = :id AND code_sha256 = :hash AND used_at IS NULL""")
                .param("id", accountId).param("hash", AccountLinks.sha256(clean)).update() == 1;
    }

    /** Ten new recovery codes; the old ones stop working. */
    List<String> newRecoveryCodes(long accountId) {
        jdbc.sql("DELETE FROM customer_recovery_code WHERE account_id = :id").param("id", accountId).update();
        List<String> codes = new ArrayList<>();
        while (codes.size() < RECOVERY_CODES) {
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
            }
            if (!codes.contains(code.toString())) {
                codes.add(code.toString());
            }
        }
        for (String code : codes) {
            jdbc.sql("INSERT INTO customer_recovery_code (account_id, code_sha256) VALUES (:id, :hash)")
                    .param("id", accountId).param("hash", AccountLinks.sha256(code)).update();
        }
        return codes.stream().map(c -> c.substring(0, 5) + "-" + c.substring(5)).toList();
    }

    void disable(long accountId) {
        jdbc.sql("""
                UPDATE customer_account SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL
                WHERE id = :id""").param("id", accountId).update();
        jdbc.sql("DELETE FROM customer_recovery_code WHERE account_id = :id").param("id", accountId).update();
    }

    /** A stored value that does not decrypt (altered, copied from another account, another key) accepts no code. */
    private OptionalLong verifyWith(byte[] column, long accountId, String code, long lastUsedStep) {
        byte[] secret;
        try {
            secret = cipher.fromColumn(column, accountId);
        } catch (IllegalArgumentException e) {
            LOG.warn("The TOTP secret of customer account {} does not decrypt ({}): its codes are refused", accountId, e.getMessage());
            return OptionalLong.empty();
        }
        return Totp.verify(secret, code, currentStep(), lastUsedStep);
    }

    private long currentStep() {
        return Totp.stepAt(clock.instant().getEpochSecond());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
