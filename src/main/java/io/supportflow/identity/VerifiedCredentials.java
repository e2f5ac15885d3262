package io.supportflow.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials verified in the last {@link #TIME_TO_LIVE}, keyed by user id and a salted SHA-256
 * of the password (the password itself is never kept). A wrong password never matches an entry,
 * so it always reaches the engine's check and its throttling; a changed password, a removed
 * user or a new team membership takes effect within the time to live.
 */
final class VerifiedCredentials {

    static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(byte[] digest, Agent agent, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final byte[] salt = new java.security.SecureRandom().generateSeed(16);

    Optional<Agent> get(String userId, String password) {
        Entry entry = entries.get(userId);
        if (entry == null || System.nanoTime() - entry.expiresAtNanos() > 0) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(entry.digest(), digest(userId, password)) ? Optional.of(entry.agent()) : Optional.empty();
    }

    void put(String userId, String password, Agent agent) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(userId, new Entry(digest(userId, password), agent, System.nanoTime() + TIME_TO_LIVE.toNanos()));
    }

    void evict(String userId) {
        entries.remove(userId);
    }

    private byte[] digest(String userId, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(userId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
