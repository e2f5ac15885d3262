package io.supportflow.customer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Encrypts customers' TOTP secrets at rest, so a database dump alone cannot produce second-factor codes:
 * AES-256-GCM with a random 96-bit nonce per value, the account id as associated data (a value copied to
 * another account's row does not decrypt). New values are stored as {@code v2:<key id>:<base64(nonce|ciphertext|tag)>}
 * under the current key of the {@link TotpKeyRing}; the key id tells which key reads a value. Values of the
 * first version, {@code v1:<base64>}, name no key and are tried with each configured key, current first.
 */
@Component
class TotpSecretCipher {

    static final String V1 = "v1:";
    static final String V2 = "v2:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TotpKeyRing keys;
    private final String currentPrefix;

    @Autowired
    TotpSecretCipher(TotpKeyRing keys) {
        this.keys = keys;
        this.currentPrefix = V2 + keys.current().id() + ":";
    }

    /** A cipher with a single key and no previous keys. */
    TotpSecretCipher(byte[] key) {
        this(new TotpKeyRing(key, List.of()));
    }

    String encrypt(byte[] secret, long accountId) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.current(), nonce, accountId);
            byte[] sealed = cipher.doFinal(secret);
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return currentPrefix + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The secret, or an {@link IllegalArgumentException} when the value is not ours, was altered, belongs to
     * another account or was encrypted with a key that is not configured.
     */
    byte[] decrypt(String stored, long accountId) {
        List<TotpKeyRing.Key> candidates;
        String body;
        if (stored != null && stored.startsWith(V2) && stored.indexOf(':', V2.length()) > 0) {
            int end = stored.indexOf(':', V2.length());
            candidates = keys.withId(stored.substring(V2.length(), end));
            body = stored.substring(end + 1);
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("the TOTP secret was encrypted with a key that is not configured");
            }
        } else if (stored != null && stored.startsWith(V1)) {
            candidates = keys.all();
            body = stored.substring(V1.length());
        } else {
            throw new IllegalArgumentException("not an encrypted TOTP secret");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an encrypted TOTP secret");
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("not an encrypted TOTP secret");
        }
        for (TotpKeyRing.Key key : candidates) {
            try {
                return cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(raw, NONCE_BYTES), accountId)
                        .doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            } catch (AEADBadTagException notThisKey) {
                // altered, another account's, or another key's: the next candidate, if any
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is not available", e);
            }
        }
        throw new IllegalArgumentException("the TOTP secret does not decrypt for this account with the configured keys");
    }

    /** The value for the bytea columns {@code totp_secret} and {@code totp_pending_secret}: the stored form in ASCII. */
    byte[] toColumn(byte[] secret, long accountId) {
        return encrypt(secret, accountId).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The secret of a column value. A value in clear is refused like a tampered one: {@link TotpSecretMigration}
     * has encrypted those written by earlier versions during the start, before any request, so one found later
     * was written behind the application's back.
     */
    byte[] fromColumn(byte[] column, long accountId) {
        if (isClear(column)) {
            throw new IllegalArgumentException("the TOTP secret is stored in clear");
        }
        return decrypt(new String(column, StandardCharsets.US_ASCII), accountId);
    }

    /** Whether the column value is already encrypted with the current key in the current format: nothing to migrate. */
    boolean isCurrent(byte[] column) {
        return !isClear(column) && startsWith(column, currentPrefix);
    }

    /** The stored form's prefix of values under the current key, {@code v2:<key id>:}. */
    String currentPrefix() {
        return currentPrefix;
    }

    /** Clear secrets are Totp.SECRET_BYTES raw bytes; an encrypted one is longer and starts with "v1:" or "v2:". */
    static boolean isClear(byte[] column) {
        return column.length == Totp.SECRET_BYTES || !(startsWith(column, V1) || startsWith(column, V2));
    }

    private static boolean startsWith(byte[] column, String prefix) {
        return column.length >= prefix.length()
                && new String(column, 0, prefix.length(), StandardCharsets.ISO_8859_1).equals(prefix);
    }

    private static Cipher cipher(int mode, TotpKeyRing.Key key, byte[] nonce, long accountId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(("customer_account:" + accountId).getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }
}
