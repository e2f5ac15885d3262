package io.supportflow.ai;

/** The provider did not give a usable answer: down, throttled, timed out, circuit open, or output not in our schema. */
class AiUnavailableException extends RuntimeException {

    /** Worth trying again later (429, 5xx, time-out, I/O); false for a refused request or an unusable answer. */
    private final boolean transientFailure;

    AiUnavailableException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    AiUnavailableException(String message, boolean transientFailure) {
        this(message, transientFailure, null);
    }

    boolean isTransient() {
        return transientFailure;
    }

    /** The circuit breaker is open: the call was not even tried. */
    static final class CircuitOpen extends AiUnavailableException {

        CircuitOpen() {
            super("The AI provider's circuit is open after repeated failures; the call was skipped.", true);
        }
    }
}
