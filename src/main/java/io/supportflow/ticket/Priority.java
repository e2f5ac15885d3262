package io.supportflow.ticket;

public enum Priority {
    LOW, MEDIUM, HIGH, URGENT, CRITICAL;

    /** Higher is more urgent; also the Camunda task priority, so Tasklist sorts the same way. */
    public int rank() {
        return ordinal() + 1;
    }
}
