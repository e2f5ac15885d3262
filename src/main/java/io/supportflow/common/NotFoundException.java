package io.supportflow.common;

/** Something the caller named does not exist, or is not visible to them (never say which). */
public class NotFoundException extends RuntimeException {
    private final ProblemText text;

    public NotFoundException(String message) {
        super(message);
        this.text = null;
    }

    /** With a text the portal's API can answer in French too. */
    public NotFoundException(ProblemText text) {
        super(text.english());
        this.text = text;
    }

    /** The translatable text, or null when the message is English only. */
    public ProblemText text() {
        return text;
    }
}
