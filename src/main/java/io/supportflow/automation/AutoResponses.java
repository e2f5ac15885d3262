package io.supportflow.automation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ready-made auto-responses: a SEND_REPLY action with {@code "response": "outside_business_hours"} or
 * {@code "escalation_notice"} (the customer is told their late ticket was escalated; use it on SLA_BREACHED) (and
 * {@code "language": "en"} or {@code "fr"}; without it, the ticket's language, English when the ticket's is neither)
 * instead of its own {@code template}. The texts are templates in {@code automation/responses/<response>.<language>.txt}, with the same placeholders as
 * SEND_REPLY's; all of them are read when the class loads, so a missing one fails at start.
 */
final class AutoResponses {

    static final List<String> RESPONSES = List.of("outside_business_hours", "escalation_notice");
    static final List<String> LANGUAGES = List.of("en", "fr");
    static final String DEFAULT_LANGUAGE = "en";

    private static final Map<String, String> TEMPLATES = load();

    private AutoResponses() {
    }

    /** The language of a response: the rule's when it names one, else the ticket's when there are texts in it, else English. */
    static String language(String ruleLanguage, String ticketLanguage) {
        if (ruleLanguage != null) {
            return ruleLanguage;
        }
        return ticketLanguage != null && LANGUAGES.contains(ticketLanguage) ? ticketLanguage : DEFAULT_LANGUAGE;
    }

    /** The template of a response in a language; both must be among {@link #RESPONSES} and {@link #LANGUAGES}. */
    static String template(String response, String language) {
        String template = TEMPLATES.get(response + "." + (language == null ? DEFAULT_LANGUAGE : language));
        if (template == null) {
            throw new IllegalArgumentException("no auto-response " + response + " in " + language);
        }
        return template;
    }

    private static Map<String, String> load() {
        Map<String, String> templates = new HashMap<>();
        for (String response : RESPONSES) {
            for (String language : LANGUAGES) {
                String path = "automation/responses/" + response + "." + language + ".txt";
                try (InputStream in = AutoResponses.class.getClassLoader().getResourceAsStream(path)) {
                    if (in == null) {
                        throw new IllegalStateException("auto-response template missing: " + path);
                    }
                    templates.put(response + "." + language, new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
                } catch (IOException e) {
                    throw new UncheckedIOException(path, e);
                }
            }
        }
        return Map.copyOf(templates);
    }
}
