package io.supportflow.common;

/** A value that passed type checks but breaks a business rule (HTTP 400), with the field it concerns. */
public class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
