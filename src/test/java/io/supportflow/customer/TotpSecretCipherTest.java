package io.supportflow.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TotpSecretCipherTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final TotpSecretCipher cipher = new TotpSecretCipher(KEY);
    private final byte[] secret = Totp.newSecret();

    @Test
    void roundTripsInTheVersionedForm() {
        String stored = cipher.encrypt(secret, 42);

        assertThat(stored).startsWith("v2:" + TotpKeyRing.id(KEY) + ":").doesNotContain(Totp.base32(secret));
        assertThat(Base64.getDecoder().decode(body(stored))).hasSize(12 + Totp.SECRET_BYTES + 16);
        assertThat(cipher.decrypt(stored, 42)).isEqualTo(secret);
        assertThat(cipher.fromColumn(cipher.toColumn(secret, 42), 42)).isEqualTo(secret);
    }

    @Test
    void theSameSecretGetsADifferentNonceEachTime() {
        String first = cipher.encrypt(secret, 42);
        String second = cipher.encrypt(secret, 42);

        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.copyOf(Base64.getDecoder().decode(body(first)), 12))
                .isNotEqualTo(Arrays.copyOf(Base64.getDecoder().decode(body(second)), 12));
    }

    @Test
    void refusesATamperedNonceCiphertextOrTag() {
        String prefix = "v2:" + TotpKeyRing.id(KEY) + ":";
        byte[] raw = Base64.getDecoder().decode(body(cipher.encrypt(secret, 42)));
        for (int index : new int[] {0, 11, 12, 12 + Totp.SECRET_BYTES - 1, raw.length - 16, raw.length - 1}) {
            byte[] tampered = raw.clone();
            tampered[index] ^= 1;
            String stored = prefix + Base64.getEncoder().encodeToString(tampered);
            assertThatThrownBy(() -> cipher.decrypt(stored, 42)).as("byte %d", index).isInstanceOf(IllegalArgumentException.class);
        }
        String truncated = prefix + Base64.getEncoder().encodeToString(Arrays.copyOf(raw, raw.length - 1));
        assertThatThrownBy(() -> cipher.decrypt(truncated, 42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt(prefix + "not*base64", 42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt("v1:not*base64", 42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt("v2:" + Base64.getEncoder().encodeToString(raw), 42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt("v2:00000000:" + Base64.getEncoder().encodeToString(raw), 42))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not configured");
        assertThatThrownBy(() -> cipher.decrypt("v3:" + Base64.getEncoder().encodeToString(raw), 42)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueCopiedToAnotherAccountOrReadWithAnotherKeyDoesNotDecrypt() {
        String stored = cipher.encrypt(secret, 42);

        assertThatThrownBy(() -> cipher.decrypt(stored, 43)).isInstanceOf(IllegalArgumentException.class);
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertThatThrownBy(() -> new TotpSecretCipher(otherKey).decrypt(stored, 42)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAKeyThatIsNot32Bytes() {
        assertThatThrownBy(() -> new TotpSecretCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TotpSecretCipher(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TotpSecretCipher((byte[]) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TotpKeyRing("", "")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SUPPORTFLOW_TOTP_ENCRYPTION_KEY");
        assertThatThrownBy(() -> new TotpKeyRing("c2hvcnQ=", "")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new TotpKeyRing("no base64!", "")).isInstanceOf(IllegalStateException.class);
        TotpSecretCipher configured = new TotpSecretCipher(new TotpKeyRing(Base64.getEncoder().encodeToString(KEY), null));
        assertThat(configured.decrypt(cipher.encrypt(secret, 7), 7)).isEqualTo(secret);
    }

    @Test
    void tellsClearColumnValuesFromEncryptedOnesAndRefusesToReadClearOnes() {
        assertThat(TotpSecretCipher.isClear(secret)).isTrue();
        // a clear secret that happens to start with "v1:" or "v2:" is still clear: encrypted values are longer
        for (String prefix : new String[] {"v1:", "v2:"}) {
            byte[] unlucky = secret.clone();
            System.arraycopy(prefix.getBytes(StandardCharsets.US_ASCII), 0, unlucky, 0, 3);
            assertThat(TotpSecretCipher.isClear(unlucky)).isTrue();
            assertThatThrownBy(() -> cipher.fromColumn(unlucky, 42)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clear");
        }
        assertThatThrownBy(() -> cipher.fromColumn(secret, 42)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clear");
        assertThat(TotpSecretCipher.isClear(cipher.toColumn(secret, 42))).isFalse();
        assertThat(TotpSecretCipher.isClear(v1(KEY, secret, 42).getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    /** The base64 part of a stored value. */
    static String body(String stored) {
        return stored.substring(stored.lastIndexOf(':') + 1);
    }

    /** A value as the version before key rotation wrote it: {@code v1:<base64(nonce|ciphertext|tag)>}, no key id. */
    static String v1(byte[] key, byte[] secret, long accountId) {
        try {
            byte[] nonce = new byte[12];
            new java.security.SecureRandom().nextBytes(nonce);
            javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, nonce));
            aes.updateAAD(("customer_account:" + accountId).getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = aes.doFinal(secret);
            byte[] out = java.nio.ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return "v1:" + Base64.getEncoder().encodeToString(out);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
