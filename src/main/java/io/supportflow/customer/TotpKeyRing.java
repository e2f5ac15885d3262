package io.supportflow.customer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The keys of {@link TotpSecretCipher}: the current key, which encrypts every new value, and the previous keys
 * of earlier rotations, which only decrypt, until {@link TotpSecretMigration} has moved their values to the
 * current key. Each key is known by a short fingerprint stored with the values it encrypted, so a value names
 * its key and reading it never needs to try them all.
 */
@Component
class TotpKeyRing {

    static final int KEY_BYTES = 32;
    static final int ID_HEX_DIGITS = 8;

    record Key(String id, SecretKeySpec spec) {
        /** The id only: a SecretKeySpec's default text carries a hash of the key bytes. */
        @Override
        public String toString() {
            return "TotpKey[" + id + "]";
        }
    }

    private final Key current;
    /** The current key first, then the previous keys in the configured order, each key once. */
    private final List<Key> all;

    /**
     * @param base64Current {@code supportflow.portal.totp-encryption-key}: base64 of 32 random bytes
     * @param base64Previous {@code supportflow.portal.totp-previous-encryption-keys}: comma-separated, may be empty
     */
    @Autowired
    TotpKeyRing(@Value("${supportflow.portal.totp-encryption-key:}") String base64Current,
            @Value("${supportflow.portal.totp-previous-encryption-keys:}") String base64Previous) {
        this(decodeCurrent(base64Current), decodePrevious(base64Previous));
    }

    TotpKeyRing(byte[] current, List<byte[]> previous) {
        this.current = key(current);
        Map<String, Key> byValue = new LinkedHashMap<>();
        byValue.put(HexFormat.of().formatHex(current), this.current);
        for (byte[] old : previous) {
            // a previous key equal to the current one (left over from a rotation) is simply the current key
            Key key = key(old);
            byValue.putIfAbsent(HexFormat.of().formatHex(old), key);
        }
        this.all = List.copyOf(byValue.values());
    }

    Key current() {
        return current;
    }

    /** Every key, the current first. */
    List<Key> all() {
        return all;
    }

    /** The keys with this fingerprint: one, or none if no configured key has it (two keys sharing 32 bits of SHA-256 is not expected, but works). */
    List<Key> withId(String id) {
        return all.stream().filter(key -> key.id().equals(id)).toList();
    }

    /** The first {@value #ID_HEX_DIGITS} hex digits of the key's SHA-256: names the key, reveals nothing usable about it. */
    static String id(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest).substring(0, ID_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static Key key(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a TOTP encryption key must be " + KEY_BYTES + " bytes");
        }
        return new Key(id(key), new SecretKeySpec(key.clone(), "AES"));
    }

    private static byte[] decodeCurrent(String base64) {
        byte[] key = decode(base64);
        if (key == null) {
            throw new IllegalStateException("set SUPPORTFLOW_TOTP_ENCRYPTION_KEY (supportflow.portal.totp-encryption-key)"
                    + " to the base64 of " + KEY_BYTES + " random bytes, e.g. `openssl rand -base64 32`");
        }
        return key;
    }

    private static List<byte[]> decodePrevious(String commaSeparated) {
        List<byte[]> keys = new ArrayList<>();
        List<String> entries = entries(commaSeparated);
        for (int i = 0; i < entries.size(); i++) {
            byte[] key = decode(entries.get(i));
            if (key == null) {
                // the position, never the value: it is a secret
                throw new IllegalStateException("SUPPORTFLOW_TOTP_PREVIOUS_ENCRYPTION_KEYS (supportflow.portal.totp-previous-encryption-keys):"
                        + " entry " + (i + 1) + " is not the base64 of " + KEY_BYTES + " bytes");
            }
            keys.add(key);
        }
        return keys;
    }

    /** The non-blank entries of a comma-separated list, stripped. */
    static List<String> entries(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The key, or null if the value is not the base64 of {@value #KEY_BYTES} bytes. */
    private static byte[] decode(String base64) {
        try {
            byte[] key = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
            return key.length == KEY_BYTES ? key : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
