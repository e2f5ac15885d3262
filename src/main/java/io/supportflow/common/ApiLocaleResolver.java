package io.supportflow.common;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * Spring MVC's locale (which the bean-validation messages follow) on the API is {@link ApiLanguage}'s: the portal's
 * pages get "ne doit pas être vide" in French, the agents' API stays English. Other paths keep Spring's default
 * (the Accept-Language header).
 */
@Component("localeResolver")
class ApiLocaleResolver implements LocaleResolver {

    private final AcceptHeaderLocaleResolver elsewhere = new AcceptHeaderLocaleResolver();

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path != null && path.startsWith("/api/") ? ApiLanguage.of(request) : elsewhere.resolveLocale(request);
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        elsewhere.setLocale(request, response, locale);
    }
}
