package io.supportflow.common;

import java.util.Map;
import java.util.Objects;

/**
 * A request for a templated mail without a ticket, published by a capability that the mail capability itself
 * depends on (customer accounts: the mail package needs tickets, and tickets need customers, so the customer
 * package cannot call the mail package directly without a cycle). The mail package sends it through its
 * outbox, synchronously, in the publisher's transaction; the same dedupe key never mails twice.
 *
 * @param template  a template under {@code mail/templates/}
 * @param language  the template's language (falls back to English)
 * @param values    the template's placeholders, plain text
 * @param dedupeKey unique per mail the publisher means
 */
public record TemplatedMailRequested(String recipient, String template, String language, Map<String, String> values, String dedupeKey) {

    public TemplatedMailRequested {
        Objects.requireNonNull(recipient);
        Objects.requireNonNull(template);
        Objects.requireNonNull(dedupeKey);
        values = Map.copyOf(values);
    }
}
