package io.supportflow.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain, deterministic guess of a text's language, English or French, by counting function words
 * (and accented letters, which English hardly uses). Used where nothing better is known: the AI
 * capability's offline provider, and a new ticket whose requester has no language yet.
 */
public final class LanguageGuess {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    private static final Pattern FRENCH_LETTER = Pattern.compile(".*[éèêàçù].*");

    private static final Set<String> ENGLISH = Set.of("the", "and", "is", "are", "was", "to", "of", "a", "an", "in", "it", "i",
            "my", "you", "your", "we", "our", "for", "on", "with", "this", "that", "have", "has", "not", "can", "cannot", "be",
            "do", "does", "did", "at", "from", "or", "but", "please", "me", "they", "there", "what", "how", "when", "why",
            "would", "could", "should", "will", "am", "been", "if", "so", "as", "by", "all", "any", "no", "yes", "hi", "hello");
    private static final Set<String> FRENCH = Set.of("le", "la", "les", "et", "est", "sont", "un", "une", "des", "de", "du", "je",
            "mon", "ma", "mes", "vous", "votre", "nous", "notre", "pour", "sur", "avec", "ce", "cette", "que", "qui", "pas",
            "ne", "il", "elle", "ils", "au", "aux", "en", "dans", "mais", "ou", "plus", "bonjour", "merci", "oui", "non",
            "c'est", "j'ai", "suis", "avez", "ai", "a", "comment", "quand", "pourquoi", "se", "sa", "son", "ses");

    private LanguageGuess() {
    }

    /** "fr" or "en" when the text says so (more function words of one than the other), empty when it does not. */
    public static Optional<String> of(String text) {
        int en = 0;
        int fr = 0;
        for (String w : words(text)) {
            if (ENGLISH.contains(w)) {
                en++;
            }
            if (FRENCH.contains(w) || FRENCH_LETTER.matcher(w).matches()) {
                fr++;
            }
        }
        return fr > en ? Optional.of("fr") : en > fr ? Optional.of("en") : Optional.empty();
    }

    /** "fr" when French function words outnumber English ones, else "en". */
    public static String frenchOrEnglish(String text) {
        return of(text).orElse("en");
    }

    /** An English or French function word ("the", "les"…), which says nothing about a text's subject. */
    public static boolean isFunctionWord(String word) {
        return ENGLISH.contains(word) || FRENCH.contains(word);
    }

    /** The lower-case words of a text (letters, digits and apostrophes). */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT).replace('’', '\''));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }
}
