package io.supportflow.customer;

import io.supportflow.common.ProblemText;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Counts failed attempts per key (an account's email, a client address) in a table, so that every node
 * of a cluster sees the same counts and a restart forgets nothing. A key that reached its limit within
 * the window is locked until the lock ends: every attempt is refused with 429 and Retry-After before any
 * password is looked at, so a right password during the lock is refused too. Keys of accounts that do not
 * exist count the same way (the lock says nothing about whether an account exists).
 *
 * <p>The client address is {@code request.getRemoteAddr()}: a client's own {@code X-Forwarded-For} means
 * nothing unless {@code server.forward-headers-strategy=native} is set, and then Tomcat's RemoteIpValve only
 * takes it from the trusted proxies ({@code server.tomcat.remoteip.internal-proxies}).
 */
@Component
@Transactional(propagation = Propagation.REQUIRES_NEW)
class AuthThrottle {

    record Limit(int max, Duration window, Duration lockout) {
    }

    private final JdbcClient jdbc;
    private final PortalAccountSettings.Throttle settings;

    AuthThrottle(JdbcClient jdbc, PortalAccountSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings.throttle();
    }

    static String accountKey(String email) {
        return "account:" + email.strip().toLowerCase(Locale.ROOT);
    }

    static String addressKey(String address) {
        return "address:" + address;
    }

    Limit accountLimit() {
        return new Limit(settings.accountFailures(), settings.window(), settings.lockout());
    }

    Limit addressLimit() {
        return new Limit(settings.addressFailures(), settings.window(), settings.lockout());
    }

    Limit mailLimit() {
        return new Limit(settings.mailsPerAccount(), settings.mailWindow(), settings.mailWindow());
    }

    Limit requestLimit() {
        return new Limit(settings.requestsPerAddress(), settings.mailWindow(), settings.mailWindow());
    }

    /** Refuses (429) while any of the keys is locked. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    void checkOpen(String... keys) {
        lockedUntil(keys).ifPresent(until -> {
            throw new TooManyAttempts(until);
        });
    }

    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    Optional<Instant> lockedUntil(String... keys) {
        return jdbc.sql("SELECT max(locked_until) FROM customer_auth_throttle WHERE throttle_key IN (:keys) AND locked_until > now()")
                .param("keys", List.of(keys)).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** Counts one failure (or one request) for the key; true when the key is locked now. */
    boolean count(String key, Limit limit) {
        if (java.util.concurrent.ThreadLocalRandom.current().nextInt(200) == 0) {
            // housekeeping, now and then: counts whose window and lock are long over mean nothing any more
            jdbc.sql("DELETE FROM customer_auth_throttle WHERE window_start < now() - interval '1 day' "
                    + "AND (locked_until IS NULL OR locked_until < now())").update();
        }
        String trimmed = key.length() > 400 ? key.substring(0, 400) : key;
        Timestamp lockedUntil = jdbc.sql("""
                INSERT INTO customer_auth_throttle AS t (throttle_key, failures, window_start, locked_until)
                VALUES (:key, 1, now(), CASE WHEN 1 >= :max THEN now() + make_interval(secs => :lockout) END)
                ON CONFLICT (throttle_key) DO UPDATE SET
                    failures = CASE WHEN t.window_start < now() - make_interval(secs => :window) THEN 1 ELSE t.failures + 1 END,
                    window_start = CASE WHEN t.window_start < now() - make_interval(secs => :window) THEN now() ELSE t.window_start END,
                    locked_until = CASE
                        WHEN (CASE WHEN t.window_start < now() - make_interval(secs => :window) THEN 1 ELSE t.failures + 1 END) >= :max
                        THEN now() + make_interval(secs => :lockout)
                        ELSE t.locked_until END
                RETURNING locked_until""")
                .param("key", trimmed).param("max", limit.max())
                .param("window", (double) limit.window().toSeconds()).param("lockout", (double) limit.lockout().toSeconds())
                .query(Timestamp.class).optional().orElse(null);
        return lockedUntil != null && lockedUntil.toInstant().isAfter(Instant.now());
    }

    /** A success forgets the account's failures (never the address's: one good account must not reset an attacker's count). */
    void forget(String key) {
        jdbc.sql("DELETE FROM customer_auth_throttle WHERE throttle_key = :key").param("key", key).update();
    }

    /** 429 Too Many Requests with Retry-After (seconds). */
    static final class TooManyAttempts extends ErrorResponseException {

        private final long retryAfterSeconds;

        TooManyAttempts(Instant until) {
            this(Math.max(1, Duration.between(Instant.now(), until).toSeconds() + 1));
        }

        private TooManyAttempts(long retryAfterSeconds) {
            super(HttpStatus.TOO_MANY_REQUESTS, problem(retryAfterSeconds), null, TOO_MANY.key(), null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        private static final ProblemText TOO_MANY = ProblemText.of("auth.tooManyAttempts");

        private static ProblemDetail problem(long retryAfterSeconds) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, TOO_MANY.english());
            problem.setTitle("Too many requests");
            problem.setProperty("retryAfter", retryAfterSeconds);
            return problem;
        }

        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            return headers;
        }
    }
}
