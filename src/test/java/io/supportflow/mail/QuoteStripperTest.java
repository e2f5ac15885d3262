package io.supportflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The quote-stripping rules one by one; the corpus shows them on whole messages. */
class QuoteStripperTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "On Tue, 3 Nov 2026 at 12:30, Example Support <support@example.com> wrote:",
            "On Tue, 3 Nov 2026 at 12:30, Example Support <\nsupport@example.com> wrote:",
            "On 4 Nov 2026, at 17:02, Example Support <support@example.com> wrote:",
            "Le mar. 3 nov. 2026 à 12:30, Example Support <support@example.com> a écrit :",
            "Am Di., 3. Nov. 2026 um 12:30 Uhr schrieb Example Support <support@example.com>:",
            "El mar, 3 nov 2026 a las 12:30, Example Support (<support@example.com>) escribió:",
            "-----Original Message-----",
            "-----Message d'origine-----",
            "-----Ursprüngliche Nachricht-----",
            "From: Example Support <support@example.com>\nSent: Tuesday, November 3, 2026 4:55 PM\nTo: Mark\nSubject: VPN",
            "*From:* Example Support <support@example.com>\n*Sent:* Tuesday, November 3, 2026 4:55 PM\n*To:* Mark",
            "De : Example Support <support@example.com>\nEnvoyé : mardi 3 novembre 2026 16:55\nÀ : Mark\nObjet : VPN",
            "Von: Example Support <support@example.com>\nGesendet: Dienstag, 3. November 2026 16:55\nAn: Mark",
            "________________________________\nFrom: Example Support <support@example.com>\nSent: Tuesday\nTo: Mark",
            "-- \nJane Doe, ACME",
            "Sent from my iPhone",
            "Get Outlook for Android",
    })
    void historyStartsAt(String marker) {
        String text = "Thanks, that fixed it.\n\n" + marker + "\n\nQuoted history line\n> quoted";

        assertThat(QuoteStripper.strip(text)).isEqualTo("Thanks, that fixed it.");
    }

    @Test
    void quotedLinesBetweenAnswersAreDroppedAndTheAnswersKept() {
        String text = "> Which browser?\nFirefox 140.\n> Which version of the app?\n3.2.1\n";

        assertThat(QuoteStripper.strip(text)).isEqualTo("Firefox 140.\n3.2.1");
    }

    @Test
    void aForwardIsKeptWhole() {
        String text = "See below.\n\n---------- Forwarded message ---------\nFrom: Shop <shop@example.org>\n"
                + "Date: Sun, 15 Nov 2026\nSubject: Order\nTo: me@example.org\n\n> quoted inside the forward\nThe original text.";

        assertThat(QuoteStripper.strip(text)).contains("From: Shop", "> quoted inside the forward", "The original text.");
    }

    @Test
    void ordinaryTextThatMentionsFromOrOnIsKept() {
        String text = "From: our accounting team we heard the invoice is wrong.\nOn Monday it was still fine.\nRegards";

        assertThat(QuoteStripper.strip(text)).isEqualTo(text);
        assertThat(QuoteStripper.strip(null)).isEmpty();
        assertThat(QuoteStripper.strip("  \n ")).isEmpty();
    }
}
