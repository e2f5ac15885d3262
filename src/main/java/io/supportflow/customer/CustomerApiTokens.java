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
 * Bearer tokens for the portal API. A token is shown once, when issued; only its SHA-256 is stored,
 * so a leaked database does not leak usable tokens.
 */
@Component
@Transactional
public class CustomerApiTokens {

    public record Issued(String token, Instant expiresAt) {
    }

    static final String PREFIX = "sfp_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final CustomerAccounts accounts;

    CustomerApiTokens(JdbcClient jdbc, CustomerAccounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    public Issued issue(long accountId, String name, Duration validity) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = Instant.now().plus(validity);
        jdbc.sql("INSERT INTO customer_api_token (account_id, token_sha256, name, expires_at) VALUES (:account, :hash, :name, :expires)")
                .param("account", accountId).param("hash", sha256(token)).param("name", name)
                .param("expires", Timestamp.from(expiresAt)).update();
        return new Issued(token, expiresAt);
    }

    /** The customer a token belongs to, while it has not expired or been revoked. */
    public Optional<CustomerPrincipal> resolve(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        Optional<Long> account = jdbc.sql("""
                UPDATE customer_api_token SET last_used_at = now()
                WHERE token_sha256 = :hash AND expires_at > now() RETURNING account_id""")
                .param("hash", sha256(token)).query(Long.class).optional();
        return account.flatMap(accounts::byId);
    }

    public void revokeAll(long accountId) {
        jdbc.sql("DELETE FROM customer_api_token WHERE account_id = :account").param("account", accountId).update();
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
