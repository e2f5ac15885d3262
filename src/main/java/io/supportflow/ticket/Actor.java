package io.supportflow.ticket;

/** Who did something to a ticket: recorded with every message and activity entry. */
public record Actor(Type type, String id, String name) {

    public enum Type { AGENT, CUSTOMER, SYSTEM }

    public static final Actor SYSTEM = new Actor(Type.SYSTEM, "system", "SupportFlow");

    public static Actor agent(String id, String name) {
        return new Actor(Type.AGENT, id, name);
    }

    /** SupportFlow acting for a named cause, e.g. {@code system("rule:42", "Close stale tickets")}. */
    public static Actor system(String id, String name) {
        return new Actor(Type.SYSTEM, id, name);
    }

    public static Actor customer(String email, String name) {
        return new Actor(Type.CUSTOMER, email, name);
    }
}
