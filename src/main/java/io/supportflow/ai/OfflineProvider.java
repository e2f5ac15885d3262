package io.supportflow.ai;

import io.supportflow.common.LanguageGuess;
import io.supportflow.ticket.Priority;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The provider that needs nothing: deterministic rules, honest about what they are. Lexicon sentiment (English and
 * French), keyword category and priority with a modest confidence (never above {@link #MAX_KEYWORD_CONFIDENCE}, so
 * with the default apply threshold its guesses stay suggestions), language by function words, extractive answers
 * and summaries (sentences copied from the knowledge base or the conversation, never invented). It cannot translate.
 */
final class OfflineProvider implements AiProvider {

    static final String NAME = "offline";
    static final String MODEL = "offline-rules-1";
    static final double MAX_KEYWORD_CONFIDENCE = 0.6;

    private static final Map<String, List<String>> CATEGORY_KEYWORDS = Map.of(
            "billing", List.of("invoice", "invoices", "refund", "charged", "charge", "payment", "paid", "billing", "bill",
                    "subscription", "price", "vat", "facture", "factures", "remboursement", "rembourser", "paiement", "payé",
                    "prélèvement", "abonnement", "tarif"),
            "technical", List.of("error", "bug", "crash", "crashes", "broken", "down", "outage", "install", "api", "sync",
                    "timeout", "500", "erreur", "panne", "plantage", "bogue", "installation", "fonctionne", "marche"),
            "account", List.of("password", "login", "log", "sign", "account", "username", "2fa", "locked", "email",
                    "mot", "passe", "compte", "connexion", "connecter", "identifiant"),
            "feature_request", List.of("feature", "suggestion", "suggest", "wish", "idea", "roadmap", "fonctionnalité",
                    "idée", "souhait", "ajouter"));
    private static final Set<String> URGENT = Set.of("urgent", "urgently", "asap", "immediately", "emergency", "critical",
            "outage", "production", "down", "urgence", "immédiatement", "critique", "bloqué", "bloquée", "bloquant");
    private static final Set<String> LOW = Set.of("question", "wondering", "curious", "whenever", "suggestion", "idea",
            "idée", "curiosité", "quand vous pourrez");
    private static final Set<String> YES = Set.of("yes", "solved", "resolved", "works", "worked", "fixed", "thanks",
            "oui", "résolu", "réglé", "fonctionne", "marche", "merci");
    private static final Set<String> NO = Set.of("no", "not", "still", "doesn't", "didn't", "don't", "isn't", "won't",
            "non", "pas", "toujours", "encore");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result<Classification> classify(TicketText ticket, List<String> categories) {
        long start = System.nanoTime();
        String text = ticket.customerText();
        List<String> words = TextAnalysis.words(text);
        Set<String> folded = new LinkedHashSet<>();
        words.forEach(w -> folded.add(TextAnalysis.fold(w)));

        String bestCategory = categories.contains("general") ? "general" : categories.isEmpty() ? null : categories.get(0);
        int bestHits = 0;
        for (String category : categories) {
            int hits = 0;
            for (String keyword : CATEGORY_KEYWORDS.getOrDefault(category, List.of())) {
                if (folded.contains(TextAnalysis.fold(keyword))) {
                    hits++;
                }
            }
            if (hits > bestHits) {
                bestHits = hits;
                bestCategory = category;
            }
        }
        double categoryConfidence = bestHits == 0 ? 0.2 : Math.min(MAX_KEYWORD_CONFIDENCE, 0.3 + 0.1 * bestHits);

        double score = TextAnalysis.sentiment(text);
        long urgent = words.stream().filter(URGENT::contains).count();
        long low = words.stream().filter(LOW::contains).count();
        Priority priority;
        double priorityConfidence;
        if (urgent >= 2 || (urgent >= 1 && score <= -0.5)) {
            priority = Priority.URGENT;
            priorityConfidence = Math.min(MAX_KEYWORD_CONFIDENCE, 0.4 + 0.1 * urgent);
        } else if (urgent == 1 || score <= -0.5) {
            priority = Priority.HIGH;
            priorityConfidence = 0.4;
        } else if (low > 0) {
            priority = Priority.LOW;
            priorityConfidence = 0.3;
        } else {
            priority = Priority.MEDIUM;
            priorityConfidence = 0.3;
        }
        Classification c = new Classification(new Sentiment(score, Sentiment.labelOf(score)), bestCategory,
                categoryConfidence, priority, priorityConfidence, LanguageGuess.frenchOrEnglish(text));
        return result(c, start);
    }

    @Override
    public Result<Sentiment> sentiment(String text) {
        long start = System.nanoTime();
        double score = TextAnalysis.sentiment(text);
        return result(new Sentiment(score, Sentiment.labelOf(score)), start);
    }

    @Override
    public Result<Draft> suggestReply(TicketText ticket, List<Passage> passages) {
        long start = System.nanoTime();
        String language = LanguageGuess.frenchOrEnglish(ticket.customerText());
        Draft answer = extract(ticket.customerText(), passages);
        boolean fr = "fr".equals(language);
        StringBuilder text = new StringBuilder(fr ? "Bonjour,\n\nMerci pour votre message. " : "Hello,\n\nThank you for your message. ");
        if (answer.sources().isEmpty()) {
            text.append(fr ? "Nous examinons votre demande et revenons vers vous rapidement."
                    : "We are looking into your request and will get back to you shortly.");
        } else {
            text.append(fr ? "Voici ce qui devrait vous aider :\n\n" : "Here is what should help:\n\n").append(answer.text());
        }
        text.append(fr ? "\n\nCordialement" : "\n\nBest regards");
        return result(new Draft(text.toString(), answer.confidence(), answer.sources()), start);
    }

    @Override
    public Result<Rewrite> rewrite(String draft, Style style, String targetLanguage) {
        long start = System.nanoTime();
        String text = draft.strip();
        Rewrite rewrite = switch (style) {
            case SHORTER -> shorter(text);
            case FRIENDLIER -> friendlier(text);
            case FORMAL -> formal(text);
            case GRAMMAR -> grammar(text);
            case TRANSLATE -> new Rewrite(text, false, "The offline provider cannot translate; configure a language model.");
        };
        return result(rewrite, start);
    }

    @Override
    public Result<Summary> summarize(TicketText ticket) {
        long start = System.nanoTime();
        List<Turn> turns = ticket.turns();
        StringBuilder summary = new StringBuilder(ticket.subject() == null ? "" : ticket.subject().strip() + ".");
        turns.stream().filter(t -> t.speaker() == Speaker.CUSTOMER).findFirst()
                .ifPresent(t -> summary.append(" Customer: ").append(first(t.text())));
        long customer = turns.stream().filter(t -> t.speaker() == Speaker.CUSTOMER).count();
        long agent = turns.stream().filter(t -> t.speaker() == Speaker.AGENT).count();
        long notes = turns.stream().filter(t -> t.speaker() == Speaker.NOTE).count();
        if (turns.size() > 1) {
            Turn last = turns.get(turns.size() - 1);
            summary.append(" Latest (").append(last.speaker().name().toLowerCase()).append("): ").append(first(last.text()));
        }
        summary.append(" [").append(customer).append(" customer message(s), ").append(agent).append(" agent repl(ies), ")
                .append(notes).append(" internal note(s); sentiment ")
                .append(Sentiment.labelOf(TextAnalysis.sentiment(ticket.customerText())).name().toLowerCase()).append(".]");
        return result(new Summary(summary.toString().strip()), start);
    }

    @Override
    public Result<Draft> answerFromKb(String question, List<Passage> passages) {
        long start = System.nanoTime();
        return result(extract(question, passages), start);
    }

    /** Whether a customer's reply to our answer says it solved the problem: yes-words and no no-words. */
    static boolean saysSolved(String reply) {
        List<String> words = TextAnalysis.words(reply);
        return words.stream().anyMatch(YES::contains) && words.stream().noneMatch(NO::contains);
    }

    /**
     * The sentences of the best articles that share the most words with the question. Confidence is the share of the
     * question's keywords the chosen sentences cover, lowered when only one or two keywords match.
     */
    static Draft extract(String question, List<Passage> passages) {
        List<String> keywords = TextAnalysis.keywords(question, 12).stream().map(TextAnalysis::fold).toList();
        if (keywords.isEmpty() || passages.isEmpty()) {
            return new Draft("", 0, List.of());
        }
        record Scored(Passage passage, String sentence, int overlap, int order) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Passage p : passages.subList(0, Math.min(3, passages.size()))) {
            List<String> sentences = TextAnalysis.sentences(p.text());
            for (int i = 0; i < sentences.size(); i++) {
                Set<String> words = new LinkedHashSet<>();
                TextAnalysis.words(sentences.get(i)).forEach(w -> words.add(TextAnalysis.fold(w)));
                int overlap = (int) keywords.stream().filter(words::contains).count();
                if (overlap > 0) {
                    scored.add(new Scored(p, sentences.get(i), overlap, i));
                }
            }
        }
        if (scored.isEmpty()) {
            return new Draft("", 0, List.of());
        }
        Passage best = scored.stream().max(Comparator.comparingInt(Scored::overlap)).orElseThrow().passage();
        List<Scored> chosen = scored.stream().filter(s -> s.passage() == best)
                .sorted(Comparator.comparingInt(Scored::overlap).reversed()).limit(3)
                .sorted(Comparator.comparingInt(Scored::order)).toList();
        Set<String> covered = new LinkedHashSet<>();
        Set<String> titleWords = new LinkedHashSet<>();
        TextAnalysis.words(best.title()).forEach(w -> titleWords.add(TextAnalysis.fold(w)));
        for (Scored s : chosen) {
            TextAnalysis.words(s.sentence()).forEach(w -> covered.add(TextAnalysis.fold(w)));
        }
        covered.addAll(titleWords);
        long hits = keywords.stream().filter(covered::contains).count();
        double coverage = (double) hits / keywords.size();
        double confidence = hits <= 1 ? Math.min(coverage, 0.3) : hits == 2 ? Math.min(coverage, 0.6) : coverage;
        StringBuilder text = new StringBuilder();
        chosen.forEach(s -> text.append(s.sentence()).append(' '));
        text.append("\n\n(").append(best.title()).append(")");
        return new Draft(text.toString().strip(), Math.round(confidence * 100) / 100.0, List.of(best.slug()));
    }

    private static Rewrite shorter(String text) {
        List<String> sentences = TextAnalysis.sentences(text);
        if (sentences.size() <= 2) {
            return new Rewrite(text, false, "Already short.");
        }
        int keep = Math.max(2, (sentences.size() + 1) / 2);
        return new Rewrite(String.join(" ", sentences.subList(0, keep)), true, "Kept the first " + keep + " sentences.");
    }

    private static Rewrite friendlier(String text) {
        boolean fr = "fr".equals(LanguageGuess.frenchOrEnglish(text));
        String opening = fr ? "Bonjour, merci de nous avoir écrit ! " : "Hi there, thanks so much for reaching out! ";
        String closing = fr ? "\n\nN'hésitez pas si vous avez d'autres questions." : "\n\nLet me know if there is anything else I can do.";
        return new Rewrite(opening + text + closing, true, null);
    }

    private static final Map<String, String> CONTRACTIONS = contractions();

    private static Map<String, String> contractions() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("(?i)\\bcan't\\b", "cannot");
        map.put("(?i)\\bwon't\\b", "will not");
        map.put("(?i)\\bdon't\\b", "do not");
        map.put("(?i)\\bdoesn't\\b", "does not");
        map.put("(?i)\\bisn't\\b", "is not");
        map.put("(?i)\\bit's\\b", "it is");
        map.put("(?i)\\bI'm\\b", "I am");
        map.put("(?i)\\bwe're\\b", "we are");
        map.put("(?i)\\byou're\\b", "you are");
        map.put("(?i)\\bwe'll\\b", "we will");
        map.put("(?i)\\bI'll\\b", "I will");
        map.put("(?i)^(hi|hey)\\b,?", "Hello,");
        map.put("(?i)\\bthanks\\b", "thank you");
        map.put("(?i)\\bcheers\\b", "kind regards");
        map.put("(?i)\\bsalut\\b", "Bonjour");
        return map;
    }

    private static Rewrite formal(String text) {
        String result = text;
        for (Map.Entry<String, String> e : CONTRACTIONS.entrySet()) {
            result = result.replaceAll(e.getKey(), e.getValue());
        }
        return new Rewrite(result, !result.equals(text), null);
    }

    static Rewrite grammar(String text) {
        String result = text.replaceAll("[ \\t]{2,}", " ")
                .replaceAll(" +([,.;:!?])(?=\\s|$)", "$1")
                .replaceAll("([,.;:!?])(?=[\\p{L}])", "$1 ")
                .replaceAll("\\bi\\b", "I")
                .replaceAll("(?i)\\b(\\w+) \\1\\b", "$1");
        StringBuilder capitalised = new StringBuilder(result.length());
        boolean start = true;
        for (char c : result.toCharArray()) {
            if (start && Character.isLetter(c)) {
                capitalised.append(Character.toUpperCase(c));
                start = false;
            } else {
                capitalised.append(c);
                if (c == '.' || c == '!' || c == '?' || c == '\n') {
                    start = true;
                } else if (!Character.isWhitespace(c)) {
                    start = false;
                }
            }
        }
        String fixed = capitalised.toString();
        return new Rewrite(fixed, !fixed.equals(text), null);
    }

    private static String first(String text) {
        List<String> sentences = TextAnalysis.sentences(text);
        String s = sentences.isEmpty() ? "" : sentences.get(0);
        return s.length() > 200 ? s.substring(0, 199) + "…" : s;
    }

    private static <T> Result<T> result(T value, long startNanos) {
        return new Result<>(value, new Usage(NAME, MODEL, (System.nanoTime() - startNanos) / 1_000_000, 0, 0));
    }
}
