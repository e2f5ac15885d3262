package io.supportflow.common;

/** A value that passed type checks but breaks a business rule (HTTP 400), with the field it concerns. */
public class InvalidInputException extends RuntimeException {
    private final String field;
    private final ProblemText text;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
        this.text = null;
    }

    /** With a text the portal's API can answer in French too. */
    public InvalidInputException(String field, ProblemText text) {
        super(text.english());
        this.field = field;
        this.text = text;
    }

    public String field() {
        return field;
    }

    /** The translatable text, or null when the message is English only. */
    public ProblemText text() {
        return text;
    }
}
