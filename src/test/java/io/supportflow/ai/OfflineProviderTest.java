package io.supportflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.ai.AiProvider.Passage;
import io.supportflow.ai.AiProvider.Speaker;
import io.supportflow.ai.AiProvider.Style;
import io.supportflow.ai.AiProvider.TicketText;
import io.supportflow.ai.AiProvider.Turn;
import io.supportflow.ticket.Priority;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The offline provider, feature by feature: deterministic, modest about its confidence, never inventing text. */
class OfflineProviderTest {

    static final List<String> CATEGORIES = List.of("general", "billing", "technical", "account", "feature_request");
    final OfflineProvider offline = new OfflineProvider();

    static TicketText ticket(String subject, String... customerMessages) {
        return new TicketText(subject, java.util.Arrays.stream(customerMessages).map(m -> new Turn(Speaker.CUSTOMER, m)).toList());
    }

    @Test
    void sentimentInEnglishAndFrenchWithNegation() {
        assertThat(offline.sentiment("Thanks a lot, this works perfectly, great support!").value().label()).isEqualTo(AiProvider.Label.POSITIVE);
        assertThat(offline.sentiment("This is unacceptable, I am furious, the app is broken again").value().score()).isLessThan(-0.5);
        assertThat(offline.sentiment("Merci, c'est parfait, tout fonctionne").value().label()).isEqualTo(AiProvider.Label.POSITIVE);
        assertThat(offline.sentiment("C'est inacceptable, je suis furieux, toujours en panne").value().label()).isEqualTo(AiProvider.Label.NEGATIVE);
        assertThat(offline.sentiment("It does not work, not great at all").value().label()).isEqualTo(AiProvider.Label.NEGATIVE);
        assertThat(offline.sentiment("Please send the form.").value().label()).isEqualTo(AiProvider.Label.NEUTRAL);
        assertThat(offline.sentiment("Please send the form.").usage().provider()).isEqualTo("offline");
    }

    @Test
    void classifiesByKeywordsWithAModestConfidenceAndDetectsTheLanguage() {
        var billing = offline.classify(ticket("Refund for invoice 42", "I was charged twice, please refund the payment."), CATEGORIES).value();
        assertThat(billing.category()).isEqualTo("billing");
        assertThat(billing.categoryConfidence()).isBetween(0.4, OfflineProvider.MAX_KEYWORD_CONFIDENCE);
        assertThat(billing.language()).isEqualTo("en");

        var urgent = offline.classify(ticket("Production down", "Our production is down, this is an outage, urgent!!"), CATEGORIES).value();
        assertThat(urgent.category()).isEqualTo("technical");
        assertThat(urgent.priority()).isEqualTo(Priority.URGENT);
        assertThat(urgent.priorityConfidence()).isLessThanOrEqualTo(OfflineProvider.MAX_KEYWORD_CONFIDENCE);

        var french = offline.classify(ticket("Mot de passe", "Bonjour, je ne peux plus me connecter à mon compte, mot de passe refusé."), CATEGORIES).value();
        assertThat(french.category()).isEqualTo("account");
        assertThat(french.language()).isEqualTo("fr");

        var nothing = offline.classify(ticket("Hello", "Hello there"), CATEGORIES).value();
        assertThat(nothing.category()).isEqualTo("general");
        assertThat(nothing.categoryConfidence()).isLessThan(0.3);
        assertThat(nothing.priority()).isEqualTo(Priority.MEDIUM);
    }

    @Test
    void answersFromTheBestArticleWithItsOwnSentencesAndCitesIt() {
        List<Passage> passages = List.of(
                new Passage("reset-password", "Resetting your password", "Open Settings. Choose Reset password and follow the link we email you. "
                        + "The link expires after one hour.", 0.5),
                new Passage("invoices", "Downloading invoices", "Invoices are under Billing. Download them as PDF.", 0.1));
        var answer = offline.answerFromKb("How do I reset my password? The reset link expired.", passages).value();
        assertThat(answer.sources()).containsExactly("reset-password");
        assertThat(answer.text()).contains("Choose Reset password", "The link expires after one hour.").doesNotContain("Invoices");
        assertThat(answer.confidence()).isGreaterThanOrEqualTo(0.7);

        var unrelated = offline.answerFromKb("My parcel arrived damaged, what now?", passages).value();
        assertThat(unrelated.confidence()).isLessThan(0.4);

        assertThat(offline.answerFromKb("anything", List.of()).value().confidence()).isZero();
    }

    @Test
    void suggestsAReplyInTheCustomersLanguage() {
        List<Passage> passages = List.of(new Passage("factures", "Télécharger vos factures",
                "Vos factures sont dans l'onglet Facturation. Téléchargez chaque facture en PDF.", 0.4));
        var reply = offline.suggestReply(ticket("Facture", "Bonjour, où puis-je télécharger ma facture en PDF ?"), passages).value();
        assertThat(reply.text()).startsWith("Bonjour").contains("Téléchargez chaque facture en PDF").endsWith("Cordialement");
        assertThat(reply.sources()).containsExactly("factures");

        var none = offline.suggestReply(ticket("Question", "Do you ship to Mars?"), List.of()).value();
        assertThat(none.text()).startsWith("Hello").contains("looking into your request");
        assertThat(none.confidence()).isZero();
    }

    @Test
    void rewritesInEachStyleAndSaysWhenItCannot() {
        String draft = "hi , i can't see the invoice.we will check it it today. It is in the queue. Thanks for waiting. More soon.";
        assertThat(offline.rewrite(draft, Style.GRAMMAR, null).value().text())
                .isEqualTo("Hi, I can't see the invoice. We will check it today. It is in the queue. Thanks for waiting. More soon.");
        assertThat(offline.rewrite(draft, Style.FORMAL, null).value().text()).contains("cannot", "thank you").doesNotContain("can't");
        var shorter = offline.rewrite(draft, Style.SHORTER, null).value();
        assertThat(shorter.text().length()).isLessThan(draft.length());
        assertThat(shorter.changed()).isTrue();
        assertThat(offline.rewrite(draft, Style.FRIENDLIER, null).value().text()).startsWith("Hi there").contains(draft);
        var translated = offline.rewrite(draft, Style.TRANSLATE, "fr").value();
        assertThat(translated.changed()).isFalse();
        assertThat(translated.text()).isEqualTo(draft);
        assertThat(translated.note()).contains("cannot translate");
    }

    @Test
    void summarisesFromTheConversationItself() {
        TicketText text = new TicketText("Cannot export report", List.of(
                new Turn(Speaker.CUSTOMER, "The CSV export fails with error 500. It started yesterday."),
                new Turn(Speaker.AGENT, "Could you send a screenshot?"),
                new Turn(Speaker.NOTE, "Known bug, see JIRA-12."),
                new Turn(Speaker.CUSTOMER, "Here it is. Still broken, this is frustrating.")));
        String summary = offline.summarize(text).value().text();
        assertThat(summary).startsWith("Cannot export report.").contains("The CSV export fails with error 500.",
                "Latest (customer): Here it is.", "2 customer message(s), 1 agent repl(ies), 1 internal note(s)", "sentiment negative");
    }

    @Test
    void recognisesAConfirmationOnlyWithoutDoubt() {
        assertThat(OfflineProvider.saysSolved("Yes, that solved it, thanks!")).isTrue();
        assertThat(OfflineProvider.saysSolved("Oui merci, c'est résolu")).isTrue();
        assertThat(OfflineProvider.saysSolved("No, still broken")).isFalse();
        assertThat(OfflineProvider.saysSolved("Thanks but it does not work")).isFalse();
        assertThat(OfflineProvider.saysSolved("What?")).isFalse();
    }
}
