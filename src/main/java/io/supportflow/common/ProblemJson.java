package io.supportflow.common;

/** A minimal RFC 7807 body for places that run before Spring MVC (filters, valves, security). */
public final class ProblemJson {

    /** The title and detail in the request's language ({@link ApiLanguage}: French only on the portal's API, when asked). */
    public static String of(jakarta.servlet.http.HttpServletRequest request, int status, String title, ProblemText detail) {
        java.util.Locale language = ApiLanguage.of(request);
        return of(status, ProblemText.title(title, language), detail.in(language));
    }

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
