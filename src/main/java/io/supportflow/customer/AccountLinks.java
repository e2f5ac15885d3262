package io.supportflow.customer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tokens of links we mail (email verification, password reset): 256 random bits, of which only the
 * SHA-256 is stored, with an expiry and a used-at. A token works once, before it expires, for its purpose
 * only. Random tokens looked up by hash need no signing key that could leak or be left at a default, and
 * unlike a self-contained signed token they can be made single-use and revoked (a newer link or a
 * successful reset retires the older ones).
 */
@Component
@Transactional
class AccountLinks {

    enum Purpose { VERIFY_EMAIL, RESET_PASSWORD }

    record Issued(long id, String token) {
    }

    record Used(long accountId, String passwordHash) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    AccountLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new link; the older unused links of the same purpose stop working. */
    Issued issue(long accountId, Purpose purpose, Duration validity, String passwordHash) {
        retire(accountId, purpose);
        // links expired a week ago are kept no longer (with a sign-up's pending password hash)
        jdbc.sql("DELETE FROM customer_account_link WHERE account_id = :account AND expires_at < now() - interval '7 days'")
                .param("account", accountId).update();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long id = jdbc.sql("""
                INSERT INTO customer_account_link (account_id, purpose, token_sha256, password_hash, expires_at)
                VALUES (:account, :purpose, :hash, :password, :expires) RETURNING id""")
                .param("account", accountId).param("purpose", purpose.name()).param("hash", sha256(token))
                .param("password", passwordHash).param("expires", Timestamp.from(Instant.now().plus(validity)))
                .query(Long.class).single();
        return new Issued(id, token);
    }

    /** Uses the link up: empty when it is unknown, expired, already used or for another purpose. */
    Optional<Used> use(String token, Purpose purpose) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        return jdbc.sql("""
                UPDATE customer_account_link SET used_at = now()
                WHERE token_sha256 = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > now()
                RETURNING account_id, password_hash""")
                .param("hash", sha256(token)).param("purpose", purpose.name())
                .query((rs, n) -> new Used(rs.getLong(1), rs.getString(2))).optional();
    }

    void retire(long accountId, Purpose purpose) {
        jdbc.sql("UPDATE customer_account_link SET used_at = now() WHERE account_id = :account AND purpose = :purpose AND used_at IS NULL")
                .param("account", accountId).param("purpose", purpose.name()).update();
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
