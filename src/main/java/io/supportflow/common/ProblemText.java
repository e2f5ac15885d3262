package io.supportflow.common;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The human text of a problem detail, as a key of the problem texts ({@code i18n/problems.properties}, English, and
 * {@code problems_fr.properties}) with its arguments. The English text is what the API has always answered; the
 * portal's API answers in French when the page asks for it ({@link ApiLanguage}). Arguments are kept as text, so that
 * numbers are never reformatted ("5242880", not "5,242,880").
 */
public record ProblemText(String key, List<String> args) {

    private static final ResourceBundleMessageSource TEXTS = texts();

    public ProblemText {
        args = List.copyOf(args);
    }

    public static ProblemText of(String key, Object... args) {
        return new ProblemText(key, Arrays.stream(args).map(String::valueOf).toList());
    }

    public String english() {
        return in(Locale.ENGLISH);
    }

    /** The text in this language, else in English (a missing key shows itself rather than failing the answer). */
    public String in(Locale locale) {
        String text = find(key, args.toArray(), locale);
        if (text == null) {
            text = find(key, args.toArray(), Locale.ENGLISH);
        }
        return text == null ? key : text;
    }

    /** The text of a key in this language, or null when there is none. */
    static String find(String key, Object[] args, Locale locale) {
        return key == null ? null : TEXTS.getMessage(key, args == null ? null : Arrays.stream(args).map(String::valueOf).toArray(),
                null, locale);
    }

    /** A problem's title ("Invalid input") in this language; titles without a translation stay as they are. */
    public static String title(String english, Locale locale) {
        if (english == null || Locale.ENGLISH.getLanguage().equals(locale.getLanguage())) {
            return english;
        }
        String key = "title." + english.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String translated = find(key, null, locale);
        return translated == null ? english : translated;
    }

    private static ResourceBundleMessageSource texts() {
        ResourceBundleMessageSource texts = new ResourceBundleMessageSource();
        texts.setBasename("i18n/problems");
        texts.setDefaultEncoding("UTF-8");
        texts.setFallbackToSystemLocale(false);
        return texts;
    }
}
