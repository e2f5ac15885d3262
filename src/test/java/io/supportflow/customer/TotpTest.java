package io.supportflow.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B's SHA-1 secret; its 8-digit codes end in our 6-digit codes. */
    static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfc6238TestVectors() {
        record Vector(long time, String code) {
        }
        for (Vector v : List.of(new Vector(59, "287082"), new Vector(1111111109, "081804"), new Vector(1111111111, "050471"),
                new Vector(1234567890, "005924"), new Vector(2000000000, "279037"), new Vector(20000000000L, "353130"))) {
            assertThat(Totp.hotp(RFC_SECRET, Totp.stepAt(v.time()))).as("T=%d", v.time()).isEqualTo(v.code());
        }
    }

    @Test
    void acceptsOneStepEitherSideAndNeverAStepUsedBefore() {
        long now = Totp.stepAt(1_800_000_000L);
        String previous = Totp.hotp(RFC_SECRET, now - 1);
        String next = Totp.hotp(RFC_SECRET, now + 1);

        assertThat(Totp.verify(RFC_SECRET, previous, now, 0)).hasValue(now - 1);
        assertThat(Totp.verify(RFC_SECRET, next, now, 0)).hasValue(now + 1);
        assertThat(Totp.verify(RFC_SECRET, Totp.hotp(RFC_SECRET, now - 2), now, 0)).isEmpty();
        assertThat(Totp.verify(RFC_SECRET, Totp.hotp(RFC_SECRET, now + 2), now, 0)).isEmpty();
        // replay: the step was accepted before
        assertThat(Totp.verify(RFC_SECRET, Totp.hotp(RFC_SECRET, now), now, now)).isEmpty();
        assertThat(Totp.verify(RFC_SECRET, previous, now, now - 1)).isEmpty();
        for (String bad : new String[] {null, "", "12345", "1234567", "abcdef", "12 456", "' OR 1=1"}) {
            assertThat(Totp.verify(RFC_SECRET, bad, now, 0)).as("%s", bad).isEmpty();
        }
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.base32(RFC_SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        byte[] secret = Totp.newSecret();
        assertThat(Totp.fromBase32(Totp.base32(secret))).isEqualTo(secret);
    }

    @Test
    void passwordPolicy() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PasswordPolicy.check("password", "short", "a@b.example"))
                .hasMessageContaining("at least 10");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PasswordPolicy.check("password", "x".repeat(201), "a@b.example"))
                .hasMessageContaining("at most 200");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PasswordPolicy.check("password", "Long.Name@Example.org", "long.name@example.org"))
                .hasMessageContaining("email");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PasswordPolicy.check("password", "long.name.x", "long.name.x@example.org"))
                .hasMessageContaining("email");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PasswordPolicy.check("password", "            ", "a@b.example"))
                .hasMessageContaining("spaces");
        PasswordPolicy.check("password", "correct horse battery", "a@b.example");
    }

    @Test
    void signUpModes() {
        assertThat(new PortalAccountSettings.Signup(null, null).allows("x@any.example")).isTrue();
        var domains = new PortalAccountSettings.Signup(PortalAccountSettings.SignupMode.DOMAINS, List.of(" Acme.Example ", ""));
        assertThat(domains.allows("x@acme.example")).isTrue();
        assertThat(domains.allows("x@ACME.example")).isTrue();
        assertThat(domains.allows("x@evil-acme.example")).isFalse();
        assertThat(domains.allows("x@acme.example.evil")).isFalse();
        assertThat(new PortalAccountSettings.Signup(PortalAccountSettings.SignupMode.CLOSED, List.of("acme.example"))
                .allows("x@acme.example")).isFalse();
    }
}
