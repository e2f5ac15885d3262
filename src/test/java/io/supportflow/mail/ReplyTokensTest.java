package io.supportflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReplyTokensTest {

    private final ReplyTokens tokens = new ReplyTokens("a-secret-of-at-least-thirty-two-characters");

    @Test
    void aSignedTokenVerifiesToItsTicketNumber() {
        String token = tokens.sign("SUP-2026-000042");

        assertThat(token).matches("SUP-2026-000042\\.[a-z2-7]{16}");
        assertThat(tokens.verify(token)).contains("SUP-2026-000042");
        assertThat(tokens.sign("SUP-2026-000042")).isEqualTo(token);
        assertThat(tokens.sign("SUP-2026-000043")).isNotEqualTo(token);
    }

    @Test
    void aForgedTokenIsRefused() {
        String token = tokens.sign("SUP-2026-000042");
        String mac = token.substring(token.indexOf('.') + 1);

        // the MAC of one ticket on another ticket's number
        assertThat(tokens.verify("SUP-2026-000043." + mac)).isEmpty();
        // every single-character change of the MAC, the last one included (the whole MAC is compared)
        for (int i = 0; i < mac.length(); i++) {
            char changed = mac.charAt(i) == 'a' ? 'b' : 'a';
            assertThat(tokens.verify(token.substring(0, token.length() - mac.length() + i) + changed + mac.substring(i + 1)))
                    .as("changed at " + i).isEmpty();
        }
        assertThat(tokens.verify("SUP-2026-000042.aaaaaaaaaaaaaaaa")).isEmpty();
    }

    @Test
    void truncatedOrGarbledTokensAreRefused() {
        String token = tokens.sign("SUP-2026-000042");

        assertThat(tokens.verify(token.substring(0, token.length() - 1))).isEmpty();
        assertThat(tokens.verify(token + "a")).isEmpty();
        assertThat(tokens.verify("SUP-2026-000042")).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify(token.replace('.', '-'))).isEmpty();
        assertThat(tokens.verify("../../etc." + token.substring(token.indexOf('.') + 1))).isEmpty();
    }

    @Test
    void aTokenFromAnotherSecretIsRefused() {
        ReplyTokens other = new ReplyTokens("another-secret-of-at-least-thirty-two-chars");

        assertThat(other.verify(tokens.sign("SUP-2026-000042"))).isEmpty();
        assertThat(tokens.verify(other.sign("SUP-2026-000042"))).isEmpty();
    }

    @Test
    void aServerThatFoldsTheCaseOfTheLocalPartDoesNotBreakTheToken() {
        String token = tokens.sign("SUP-2026-000042");

        assertThat(tokens.verify(token.toLowerCase(Locale.ROOT))).contains("SUP-2026-000042");
        assertThat(tokens.verify(token.toUpperCase(Locale.ROOT))).contains("SUP-2026-000042");
    }

    @Test
    void replyAddressesCarryTheTokenAsSubAddress() {
        String address = tokens.replyAddress("support@example.com", "SUP-2026-000042");

        assertThat(address).startsWith("support+SUP-2026-000042.").endsWith("@example.com");
        assertThat(address.substring(0, address.indexOf('@'))).hasSizeLessThanOrEqualTo(ReplyTokens.MAX_LOCAL_PART);
        assertThat(tokens.ticketNumberOf(address)).contains("SUP-2026-000042");
        assertThat(tokens.ticketNumberOf("support@example.com")).isEmpty();
        assertThat(tokens.ticketNumberOf("support+SUP-2026-000042.aaaaaaaaaaaaaaaa@example.com")).isEmpty();
        assertThat(tokens.ticketNumberOf(null)).isEmpty();
        // an existing sub-address of the mailbox is replaced, not nested
        assertThat(tokens.replyAddress("support+eu@example.com", "SUP-2026-000042")).startsWith("support+SUP-2026-000042.");
    }

    @Test
    void aReplyAddressLongerThanTheLocalPartLimitIsRefused() {
        assertThatThrownBy(() -> tokens.replyAddress("customer-support-department-europe@example.com", "SUP-2026-000042"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
        assertThatThrownBy(() -> tokens.sign("SUP 2026/42")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.replyAddress("no-at-sign", "SUP-2026-000042")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new ReplyTokens("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplyTokens(null)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Timing cannot be measured reliably in a unit test; the promise is kept by construction and checked here. */
    @Test
    void verificationComparesMacsInConstantTime() throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/supportflow/mail/ReplyTokens.java"));
        String verify = source.substring(source.indexOf("public Optional<String> verify"), source.indexOf("public String replyAddress"));

        assertThat(verify).contains("MessageDigest.isEqual(").doesNotContain(".equals(").doesNotContain("compareTo(");
    }

    @Test
    void theCorpusTokenIsTheOneThisClassSigns() {
        // mail/corpus/22-reply-plus-token.eml was written with this secret and ticket number
        assertThat(new ReplyTokens(InboundMailParserTest.TOKEN_SECRET).sign("SUP-2026-000042"))
                .isEqualTo("SUP-2026-000042.q6ypfdiko3h4plo5");
    }
}
