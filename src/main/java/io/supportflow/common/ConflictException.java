package io.supportflow.common;

/** The request is well-formed but the current state does not allow it (HTTP 409). */
public class ConflictException extends RuntimeException {
    private final ProblemText text;

    public ConflictException(String message) {
        super(message);
        this.text = null;
    }

    /** With a text the portal's API can answer in French too. */
    public ConflictException(ProblemText text) {
        super(text.english());
        this.text = text;
    }

    /** The translatable text, or null when the message is English only. */
    public ProblemText text() {
        return text;
    }
}
