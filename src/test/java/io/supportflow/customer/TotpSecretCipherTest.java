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

        assertThat(stored).startsWith("v1:").doesNotContain(Totp.base32(secret));
        assertThat(Base64.getDecoder().decode(stored.substring(3))).hasSize(12 + Totp.SECRET_BYTES + 16);
        assertThat(cipher.decrypt(stored, 42)).isEqualTo(secret);
        assertThat(cipher.fromColumn(cipher.toColumn(secret, 42), 42)).isEqualTo(secret);
    }

    @Test
    void theSameSecretGetsADifferentNonceEachTime() {
        String first = cipher.encrypt(secret, 42);
        String second = cipher.encrypt(secret, 42);

        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.copyOf(Base64.getDecoder().decode(first.substring(3)), 12))
                .isNotEqualTo(Arrays.copyOf(Base64.getDecoder().decode(second.substring(3)), 12));
    }

    @Test
    void refusesATamperedNonceCiphertextOrTag() {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt(secret, 42).substring(3));
        for (int index : new int[] {0, 11, 12, 12 + Totp.SECRET_BYTES - 1, raw.length - 16, raw.length - 1}) {
            byte[] tampered = raw.clone();
            tampered[index] ^= 1;
            String stored = "v1:" + Base64.getEncoder().encodeToString(tampered);
            assertThatThrownBy(() -> cipher.decrypt(stored, 42)).as("byte %d", index).isInstanceOf(IllegalArgumentException.class);
        }
        String truncated = "v1:" + Base64.getEncoder().encodeToString(Arrays.copyOf(raw, raw.length - 1));
        assertThatThrownBy(() -> cipher.decrypt(truncated, 42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt("v1:not*base64", 42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt("v2:" + Base64.getEncoder().encodeToString(raw), 42)).isInstanceOf(IllegalArgumentException.class);
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
        assertThatThrownBy(() -> new TotpSecretCipher("")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SUPPORTFLOW_TOTP_ENCRYPTION_KEY");
        assertThatThrownBy(() -> new TotpSecretCipher("c2hvcnQ=")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new TotpSecretCipher("no base64!")).isInstanceOf(IllegalStateException.class);
        assertThat(new TotpSecretCipher(Base64.getEncoder().encodeToString(KEY)).decrypt(cipher.encrypt(secret, 7), 7)).isEqualTo(secret);
    }

    @Test
    void tellsClearColumnValuesFromEncryptedOnes() {
        assertThat(TotpSecretCipher.isClear(secret)).isTrue();
        // a clear secret that happens to start with "v1:" is still clear: encrypted values are longer
        byte[] unlucky = secret.clone();
        System.arraycopy("v1:".getBytes(StandardCharsets.US_ASCII), 0, unlucky, 0, 3);
        assertThat(TotpSecretCipher.isClear(unlucky)).isTrue();
        assertThat(cipher.fromColumn(unlucky, 42)).isEqualTo(unlucky);
        assertThat(TotpSecretCipher.isClear(cipher.toColumn(secret, 42))).isFalse();
    }
}
