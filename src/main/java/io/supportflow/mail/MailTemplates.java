package io.supportflow.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The mail templates in {@code mail/templates/<name>.<language>.(txt|html)}: the text file starts with
 * a {@code Subject:} line. Placeholders are {@code {{name}}}, escaped for HTML in the HTML part, and
 * {@code {{{name}}}} for HTML that is already sanitised (a stored message body). A placeholder without
 * a value is an error, never an empty hole in a customer's mail. Unknown languages fall back to English.
 */
@Component
class MailTemplates {

    record Rendered(String subject, String text, String html) {
    }

    static final String FALLBACK_LANGUAGE = "en";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\{?)([a-zA-Z]+)}}(}?)");
    private static final String SUBJECT_PREFIX = "Subject:";

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    Rendered render(String name, String language, Map<String, String> values) {
        String lang = language != null && language.matches("[a-z]{2,3}") && exists(name + "." + language + ".txt")
                ? language : FALLBACK_LANGUAGE;
        String textTemplate = load(name + "." + lang + ".txt");
        int endOfSubject = textTemplate.indexOf('\n');
        if (!textTemplate.startsWith(SUBJECT_PREFIX) || endOfSubject < 0) {
            throw new IllegalStateException("mail template " + name + "." + lang + ".txt must start with a Subject: line");
        }
        // the subject line is filled on its own, so a value with line breaks cannot spill into the body
        String subject = singleLine(fill(textTemplate.substring(SUBJECT_PREFIX.length(), endOfSubject), values, false));
        String text = fill(textTemplate.substring(endOfSubject + 1), values, false);
        String html = fill(load(name + "." + lang + ".html"), values, true);
        return new Rendered(subject, text.strip() + "\n", html.strip() + "\n");
    }

    /** Header values never carry line breaks or other control characters (no header injection). */
    static String singleLine(String value) {
        return value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").replaceAll(" {2,}", " ").strip();
    }

    private static String fill(String template, Map<String, String> values, boolean html) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            boolean raw = !matcher.group(1).isEmpty();
            if (raw != !matcher.group(3).isEmpty()) {
                throw new IllegalStateException("unbalanced placeholder " + matcher.group());
            }
            String value = values.get(matcher.group(2));
            if (value == null) {
                throw new IllegalStateException("no value for placeholder " + matcher.group(2));
            }
            String replacement = html && !raw ? Entities.escape(value) : value;
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private boolean exists(String file) {
        return new ClassPathResource("mail/templates/" + file).exists();
    }

    private String load(String file) {
        return cache.computeIfAbsent(file, f -> {
            try (InputStream in = new ClassPathResource("mail/templates/" + f).getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("mail template " + f + " is missing", e);
            }
        });
    }
}
