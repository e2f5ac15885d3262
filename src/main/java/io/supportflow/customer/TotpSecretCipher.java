package io.supportflow.customer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts customers' TOTP secrets at rest, so a database dump alone cannot produce second-factor codes:
 * AES-256-GCM with a random 96-bit nonce per value, the account id as associated data (a value copied to
 * another account's row does not decrypt). The stored form is {@code v1:<base64(nonce|ciphertext|tag)>};
 * the version prefix leaves room for a later key rotation.
 */
@Component
class TotpSecretCipher {

    static final String VERSION = "v1:";
    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param base64Key {@code supportflow.portal.totp-encryption-key}: base64 of 32 random bytes */
    @Autowired
    TotpSecretCipher(@Value("${supportflow.portal.totp-encryption-key:}") String base64Key) {
        this(decodeKey(base64Key));
    }

    TotpSecretCipher(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the TOTP encryption key must be " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    private static byte[] decodeKey(String base64Key) {
        try {
            byte[] key = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.strip());
            if (key.length == KEY_BYTES) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below without echoing the value
        }
        throw new IllegalStateException("set SUPPORTFLOW_TOTP_ENCRYPTION_KEY (supportflow.portal.totp-encryption-key)"
                + " to the base64 of " + KEY_BYTES + " random bytes, e.g. `openssl rand -base64 32`");
    }

    String encrypt(byte[] secret, long accountId) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, accountId);
            byte[] sealed = cipher.doFinal(secret);
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The secret, or an {@link IllegalArgumentException} when the value is not ours, was altered or belongs to another account. */
    byte[] decrypt(String stored, long accountId) {
        if (!isEncrypted(stored)) {
            throw new IllegalArgumentException("not an encrypted TOTP secret");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an encrypted TOTP secret");
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("not an encrypted TOTP secret");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(raw, NONCE_BYTES), accountId);
            return cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("the TOTP secret does not decrypt for this account with this key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The value for the bytea columns {@code totp_secret} and {@code totp_pending_secret}: the stored form in ASCII. */
    byte[] toColumn(byte[] secret, long accountId) {
        return encrypt(secret, accountId).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The secret of a column value. A clear one (written before secrets were encrypted) is still read, for the
     * moments before {@link TotpSecretMigration} has encrypted it, or while an older node of a cluster writes one.
     */
    byte[] fromColumn(byte[] column, long accountId) {
        return isClear(column) ? column : decrypt(new String(column, StandardCharsets.US_ASCII), accountId);
    }

    /** Clear secrets are Totp.SECRET_BYTES raw bytes; an encrypted one is longer and starts with "v1:". */
    static boolean isClear(byte[] column) {
        return column.length == Totp.SECRET_BYTES
                || !isEncrypted(new String(column, 0, Math.min(column.length, VERSION.length()), StandardCharsets.ISO_8859_1));
    }

    static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(VERSION);
    }

    private Cipher cipher(int mode, byte[] nonce, long accountId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(("customer_account:" + accountId).getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }
}
