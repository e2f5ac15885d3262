package io.supportflow.ai;

import io.supportflow.ticket.Priority;
import java.util.List;

/**
 * What SupportFlow asks of a language model, in our own terms: every answer is one of the fixed records
 * below, validated before anyone sees it. Customer text is passed as data (never as instructions) and
 * implementations must keep it that way. A provider that cannot answer throws {@link AiUnavailableException}.
 */
interface AiProvider {

    /** "offline" or "openai". */
    String name();

    Result<Classification> classify(TicketText ticket, List<String> categories);

    Result<Sentiment> sentiment(String text);

    /** A reply an agent may send, grounded in the public conversation and the given articles. */
    Result<Draft> suggestReply(TicketText ticket, List<Passage> passages);

    Result<Rewrite> rewrite(String draft, Style style, String targetLanguage);

    Result<Summary> summarize(TicketText ticket);

    /** An answer to the question from these articles only; confidence says how well they cover it. */
    Result<Draft> answerFromKb(String question, List<Passage> passages);

    // ------------------------------------------------------------------ inputs

    enum Speaker { CUSTOMER, AGENT, NOTE }

    record Turn(Speaker speaker, String text) {
    }

    /** A ticket as the model sees it: the subject and the conversation, oldest first. */
    record TicketText(String subject, List<Turn> turns) {

        String customerText() {
            StringBuilder text = new StringBuilder(subject == null ? "" : subject);
            turns.stream().filter(t -> t.speaker() == Speaker.CUSTOMER).forEach(t -> text.append('\n').append(t.text()));
            return text.toString();
        }
    }

    /** A knowledge-base article (or its relevant part) the answer may use, cited by its slug. */
    record Passage(String slug, String title, String text, double rank) {
    }

    enum Style {
        SHORTER, FRIENDLIER, FORMAL, GRAMMAR, TRANSLATE;

        static Style parse(String value) {
            return switch (value == null ? "" : value) {
                case "shorter" -> SHORTER;
                case "friendlier" -> FRIENDLIER;
                case "formal" -> FORMAL;
                case "grammar" -> GRAMMAR;
                default -> value != null && value.startsWith("translate:") ? TRANSLATE : null;
            };
        }
    }

    // ------------------------------------------------------------------ outputs (the fixed schema)

    /** Who answered, with what, and at what cost. */
    record Usage(String provider, String model, long latencyMillis, int promptTokens, int completionTokens) {
    }

    record Result<T>(T value, Usage usage) {
    }

    enum Label { NEGATIVE, NEUTRAL, POSITIVE }

    /** @param score from -1 (angry) to 1 (happy) */
    record Sentiment(double score, Label label) {

        static Label labelOf(double score) {
            return score <= -0.25 ? Label.NEGATIVE : score >= 0.25 ? Label.POSITIVE : Label.NEUTRAL;
        }
    }

    /** @param category one of the tenant's category codes; @param language "en" or "fr" (or another ISO 639-1 code) */
    record Classification(Sentiment sentiment, String category, double categoryConfidence, Priority priority,
                          double priorityConfidence, String language) {
    }

    /** @param sources the slugs of the articles the text relies on */
    record Draft(String text, double confidence, List<String> sources) {
    }

    /** @param changed false when the provider could not do what was asked (e.g. the offline provider translating) */
    record Rewrite(String text, boolean changed, String note) {
    }

    record Summary(String text) {
    }
}
