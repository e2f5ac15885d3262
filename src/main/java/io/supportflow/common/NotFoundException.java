package io.supportflow.common;

/** Something the caller named does not exist, or is not visible to them (never say which). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
