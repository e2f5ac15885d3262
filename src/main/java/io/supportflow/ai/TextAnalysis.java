package io.supportflow.ai;

import io.supportflow.common.LanguageGuess;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain, deterministic text analysis for the offline provider: words, sentiment, keywords (the language: {@link LanguageGuess}). */
final class TextAnalysis {

    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+[.!?]*");

    private static final Map<String, Double> POSITIVE = weights(
            "thanks 1", "thank 1", "great 1", "perfect 1.5", "excellent 1.5", "awesome 1.5", "love 1.5", "happy 1",
            "works 1", "worked 1", "solved 1.5", "resolved 1", "helpful 1", "good 0.5", "appreciate 1",
            "merci 1", "parfait 1.5", "génial 1.5", "super 1", "content 1", "contente 1", "fonctionne 1", "marche 0.5",
            "résolu 1.5", "excellent 1.5", "bien 0.5", "top 1");
    private static final Map<String, Double> NEGATIVE = weights(
            "angry 2", "furious 2.5", "terrible 2", "awful 2", "horrible 2", "worst 2.5", "unacceptable 2.5", "disappointed 1.5",
            "frustrated 1.5", "frustrating 1.5", "broken 1.5", "useless 2", "bad 1", "problem 0.5", "issue 0.5", "error 0.5",
            "fails 1", "failed 1", "failing 1", "crash 1", "crashes 1", "refund 0.5", "cancel 0.5", "still 0.5", "again 0.5",
            "slow 1", "ridiculous 2", "scam 2.5", "lawyer 2",
            "furieux 2.5", "furieuse 2.5", "énervé 2", "inacceptable 2.5", "nul 2", "nulle 2", "horrible 2", "déçu 1.5",
            "déçue 1.5", "problème 0.5", "erreur 0.5", "panne 1", "bloqué 1.5", "bloquée 1.5", "lent 1", "toujours 0.5",
            "arnaque 2.5", "remboursement 0.5", "inadmissible 2.5", "catastrophe 2");
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "don't", "doesn't", "didn't", "isn't",
            "wasn't", "pas", "jamais", "plus", "aucun", "aucune");

    private TextAnalysis() {
    }

    static List<String> words(String text) {
        return LanguageGuess.words(text);
    }

    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        Matcher m = SENTENCE.matcher(text == null ? "" : text);
        while (m.find()) {
            String s = m.group().strip();
            if (!s.isEmpty()) {
                sentences.add(s);
            }
        }
        return sentences;
    }

    /** Lexicon score in [-1, 1]; a negation just before a word turns it around. */
    static double sentiment(String text) {
        List<String> words = words(text);
        double positive = 0;
        double negative = 0;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            boolean negated = i > 0 && NEGATIONS.contains(words.get(i - 1)) || i > 1 && NEGATIONS.contains(words.get(i - 2));
            double p = POSITIVE.getOrDefault(w, 0.0);
            double n = NEGATIVE.getOrDefault(w, 0.0);
            if (negated) {
                negative += p;
                positive += n * 0.5;
            } else {
                positive += p;
                negative += n;
            }
        }
        long shouting = text == null ? 0 : Pattern.compile("!{2,}|\\b[A-Z]{4,}\\b").matcher(text).results().count();
        negative += 0.5 * shouting;
        double total = positive + negative;
        if (total == 0) {
            return 0;
        }
        double score = (positive - negative) / (total + 1);
        return Math.round(Math.max(-1, Math.min(1, score)) * 100) / 100.0;
    }

    /** The distinct content words of a text (no function words, at least 3 letters), most frequent first. */
    static List<String> keywords(String text, int max) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String w : words(text)) {
            if (w.length() >= 3 && !LanguageGuess.isFunctionWord(w) && !w.chars().allMatch(Character::isDigit)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(max).map(Map.Entry::getKey).toList();
    }

    /** Accents removed, for comparing words across spellings. */
    static String fold(String word) {
        return Normalizer.normalize(word, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    private static Map<String, Double> weights(String... entries) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (String e : entries) {
            int space = e.lastIndexOf(' ');
            map.put(e.substring(0, space), Double.parseDouble(e.substring(space + 1)));
        }
        return Map.copyOf(map);
    }
}
