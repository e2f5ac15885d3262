package io.supportflow.common;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The language of an API answer's human text. The agents' API ({@code /api/v1/**}) answers in English whatever the
 * client asks; the portal's API ({@code /api/portal/**}) in the page's language, which the portal's pages send as
 * Accept-Language: French or English, English when the header names neither or cannot be read.
 */
public final class ApiLanguage {

    public static final String PORTAL_API = "/api/portal/";
    private static final List<Locale> PORTAL_LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);
    private static final int MAX_HEADER = 200;

    private ApiLanguage() {
    }

    public static Locale of(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path == null || !path.startsWith(PORTAL_API)) {
            return Locale.ENGLISH;
        }
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank() || header.length() > MAX_HEADER) {
            return Locale.ENGLISH;
        }
        try {
            Locale match = Locale.lookup(Locale.LanguageRange.parse(header), PORTAL_LANGUAGES);
            return match == null ? Locale.ENGLISH : match;
        } catch (IllegalArgumentException unreadable) {
            return Locale.ENGLISH;
        }
    }

    /** The language of the request being handled (English outside a request). */
    public static Locale current() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? of(attributes.getRequest()) : Locale.ENGLISH;
    }
}
