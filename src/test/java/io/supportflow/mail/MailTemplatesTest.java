package io.supportflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {

    final MailTemplates templates = new MailTemplates();

    @Test
    void theAcknowledgementIsRenderedInFrenchWithTheNumberInTheSubject() {
        MailTemplates.Rendered fr = templates.render("acknowledgement", "fr", Map.of(
                "number", "SUP-2026-000042", "subject", "Écran noir", "customerName", "Zoé", "brand", "Acme Support",
                "trackingUrl", "https://help.acme.example/portal/ticket.html?number=SUP-2026-000042&x=<1>"));

        assertThat(fr.subject()).isEqualTo("[SUP-2026-000042] Nous avons bien reçu votre demande : Écran noir");
        assertThat(fr.text()).startsWith("Bonjour Zoé,").contains("le numéro SUP-2026-000042").doesNotContain("Subject:");
        assertThat(fr.html()).contains("<strong>SUP-2026-000042</strong>").contains("Bonjour Zoé,")
                .contains("<a href=\"https://help.acme.example/portal/ticket.html?number=SUP-2026-000042&amp;x=&lt;1&gt;\">Suivre votre demande en ligne</a>");
        assertThat(fr.text()).contains("Suivez votre demande en ligne : https://help.acme.example/portal/ticket.html?number=SUP-2026-000042");
    }

    @Test
    void valuesAreEscapedInHtmlButTheSanitisedReplyIsKeptAsIs() {
        MailTemplates.Rendered reply = templates.render("reply", "en", Map.of(
                "number", "SUP-2026-000042", "subject", "<script>alert(1)</script>", "agentName", "Bob <b>",
                "brand", "Acme", "replyText", "Try <this>", "replyHtml", "<p>Try <em>this</em></p>",
                "attachmentsText", "", "attachmentsHtml", ""));

        assertThat(reply.html()).contains("<p>Try <em>this</em></p>").contains("Bob &lt;b&gt;").doesNotContain("<b>");
        assertThat(reply.text()).contains("Try <this>").contains("Bob <b>");
        assertThat(reply.subject()).isEqualTo("Re: [SUP-2026-000042] <script>alert(1)</script>");
    }

    @Test
    void aSubjectNeverCarriesALineBreak() {
        MailTemplates.Rendered reply = templates.render("acknowledgement", "en", Map.of(
                "number", "SUP-2026-000042", "subject", "Hello\r\nBcc: victim@example.org", "customerName", "X", "brand", "Acme",
                "trackingUrl", "https://help.acme.example/portal"));

        assertThat(reply.subject()).isEqualTo("[SUP-2026-000042] We received your request: Hello Bcc: victim@example.org");
    }

    @Test
    void anUnknownLanguageFallsBackToEnglishAndAMissingValueIsAnError() {
        assertThat(templates.render("acknowledgement", "xx", Map.of("number", "N", "subject", "S", "customerName", "C", "brand", "B", "trackingUrl", "U"))
                .subject()).startsWith("[N] We received your request");
        assertThatThrownBy(() -> templates.render("acknowledgement", "en", Map.of("number", "N")))
                .hasMessageContaining("no value for placeholder");
    }
}
