package io.supportflow.customer;

import static io.supportflow.customer.TotpSecretCipherTest.v1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key rotation: the current key encrypts, previous keys only decrypt, and a value names the key that reads it. */
class TotpKeyRingTest {

    private final byte[] oldKey = newKey();
    private final byte[] newKey = newKey();
    private final byte[] secret = Totp.newSecret();

    @Test
    void aKeyIsKnownByTheFirstEightHexDigitsOfItsSha256() {
        // SHA-256 of 32 zero bytes is 66687aad f862bd77…
        assertThat(TotpKeyRing.id(new byte[32])).isEqualTo("66687aad");
        assertThat(TotpKeyRing.id(oldKey)).matches("[0-9a-f]{8}").isNotEqualTo(TotpKeyRing.id(newKey));
        assertThat(new TotpKeyRing(oldKey, List.of()).current()).hasToString("TotpKey[" + TotpKeyRing.id(oldKey) + "]");
    }

    @Test
    void afterARotationTheNewKeyEncryptsAndTheOldOneStillDecrypts() {
        String underOldKey = new TotpSecretCipher(oldKey).encrypt(secret, 42);
        TotpSecretCipher rotated = new TotpSecretCipher(new TotpKeyRing(newKey, List.of(oldKey)));

        assertThat(underOldKey).startsWith("v2:" + TotpKeyRing.id(oldKey) + ":");
        assertThat(rotated.decrypt(underOldKey, 42)).isEqualTo(secret);
        assertThat(rotated.isCurrent(underOldKey.getBytes(StandardCharsets.US_ASCII))).isFalse();

        byte[] reEncrypted = rotated.toColumn(secret, 42);
        assertThat(new String(reEncrypted, StandardCharsets.US_ASCII)).startsWith("v2:" + TotpKeyRing.id(newKey) + ":");
        assertThat(rotated.isCurrent(reEncrypted)).isTrue();
        assertThat(rotated.fromColumn(reEncrypted, 42)).isEqualTo(secret);
        // a node still on the old key alone cannot read it
        assertThatThrownBy(() -> new TotpSecretCipher(oldKey).fromColumn(reEncrypted, 42))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not configured");
    }

    @Test
    void firstVersionValuesNameNoKeyAndAreReadWithTheCurrentOrAPreviousKey() {
        TotpSecretCipher rotated = new TotpSecretCipher(new TotpKeyRing(newKey, List.of(oldKey)));
        String underCurrent = v1(newKey, secret, 42);
        String underPrevious = v1(oldKey, secret, 42);

        assertThat(rotated.decrypt(underCurrent, 42)).isEqualTo(secret);
        assertThat(rotated.decrypt(underPrevious, 42)).isEqualTo(secret);
        assertThat(rotated.isCurrent(underCurrent.getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThatThrownBy(() -> rotated.decrypt(underPrevious, 43)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rotated.decrypt(v1(newKey(), secret, 42), 42)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueUnderAKeyNoLongerConfiguredOrWithAnotherKeysIdDoesNotDecrypt() {
        byte[] lostKey = newKey();
        String underLostKey = new TotpSecretCipher(lostKey).encrypt(secret, 42);
        TotpSecretCipher rotated = new TotpSecretCipher(new TotpKeyRing(newKey, List.of(oldKey)));

        assertThatThrownBy(() -> rotated.decrypt(underLostKey, 42)).isInstanceOf(IllegalArgumentException.class);
        String relabelled = "v2:" + TotpKeyRing.id(oldKey) + underLostKey.substring(underLostKey.indexOf(':', 3));
        assertThatThrownBy(() -> rotated.decrypt(relabelled, 42)).isInstanceOf(IllegalArgumentException.class);
        String underOldKey = new TotpSecretCipher(oldKey).encrypt(secret, 42);
        String claimsCurrent = "v2:" + TotpKeyRing.id(newKey) + underOldKey.substring(underOldKey.indexOf(':', 3));
        assertThatThrownBy(() -> rotated.decrypt(claimsCurrent, 42)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void previousKeysAreCommaSeparatedBase64AndOneEqualToTheCurrentKeyIsHarmless() {
        String current = Base64.getEncoder().encodeToString(newKey);
        String old = Base64.getEncoder().encodeToString(oldKey);

        TotpKeyRing ring = new TotpKeyRing(current, " " + old + " ,," + current + ", ");
        assertThat(ring.current().id()).isEqualTo(TotpKeyRing.id(newKey));
        assertThat(ring.all()).extracting(TotpKeyRing.Key::id).containsExactly(TotpKeyRing.id(newKey), TotpKeyRing.id(oldKey));
        assertThat(new TotpKeyRing(current, "").all()).hasSize(1);
        assertThat(new TotpKeyRing(current, null).all()).hasSize(1);
        assertThat(new TotpKeyRing(current, " , ").all()).hasSize(1);
        assertThat(new TotpSecretCipher(ring).decrypt(new TotpSecretCipher(oldKey).encrypt(secret, 7), 7)).isEqualTo(secret);
    }

    @Test
    void aMalformedPreviousKeyIsRefusedByPositionWithoutEchoingIt() {
        String current = Base64.getEncoder().encodeToString(newKey);
        String old = Base64.getEncoder().encodeToString(oldKey);
        for (String bad : new String[] {"c2hvcnQ=", "not base64!", old + "AAAA"}) {
            assertThatThrownBy(() -> new TotpKeyRing(current, old + "," + bad)).as(bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SUPPORTFLOW_TOTP_PREVIOUS_ENCRYPTION_KEYS").hasMessageContaining("entry 2")
                    .message().doesNotContain(bad);
        }
        assertThatThrownBy(() -> new TotpKeyRing(newKey, List.of(new byte[16]))).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
