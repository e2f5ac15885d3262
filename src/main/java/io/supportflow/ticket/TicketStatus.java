package io.supportflow.ticket;

public enum TicketStatus {
    NEW, OPEN, IN_PROGRESS, WAITING_ON_CUSTOMER, WAITING_ON_THIRD_PARTY, RESOLVED, CLOSED, CANCELLED;

    /** The agent's turn: a "Respond to customer" task is (or should be) open. */
    public boolean withAgent() {
        return this == NEW || this == OPEN || this == IN_PROGRESS;
    }

    public boolean waiting() {
        return this == WAITING_ON_CUSTOMER || this == WAITING_ON_THIRD_PARTY;
    }

    public boolean ended() {
        return this == CLOSED || this == CANCELLED;
    }
}
