package io.supportflow.automation;

import java.util.List;

/** A rule set that does not compile; the set in force stays. Answered with 400 and the compiler's messages. */
public class RuleCompilationException extends RuntimeException {
    private final List<String> messages;

    public RuleCompilationException(List<String> messages) {
        super("The automation rules do not compile: " + String.join("; ", messages));
        this.messages = List.copyOf(messages);
    }

    public List<String> messages() {
        return messages;
    }
}
