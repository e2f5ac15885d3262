package io.supportflow.common;

/** A minimal RFC 7807 body for places that run before Spring MVC (filters, valves, security). */
public final class ProblemJson {

    public static String of(int status, String title, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"" + escape(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + escape(detail) + "\"}";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private ProblemJson() {
    }
}
