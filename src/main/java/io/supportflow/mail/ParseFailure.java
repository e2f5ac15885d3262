package io.supportflow.mail;

/**
 * A message that could not be turned into a {@link ParsedMail}. The caller keeps the raw bytes
 * with {@link #error()} in the dead-letter table ({@link MailDeadLetters}), so nothing is lost.
 */
public record ParseFailure(Kind kind, String error) implements ParseResult {

    public enum Kind {
        /** Larger than the configured maximum raw size; not parsed at all. */
        TOO_LARGE,
        /** Broken MIME structure or transfer encoding (e.g. invalid base64, unparseable headers). */
        MALFORMED
    }
}
