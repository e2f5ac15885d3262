package io.supportflow.customer;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The customer portal's security, apart from the agents': its pages ({@code /portal/**}, public files
 * whose data comes from the API) and its API ({@code /api/portal/**}). A customer proves who they are
 * with a session cookie (pages; then every change needs the CSRF token from the {@code XSRF-TOKEN}
 * cookie in an {@code X-XSRF-TOKEN} header) or a bearer token (API clients; no cookies, no CSRF).
 * Agents' Basic credentials mean nothing here, and a customer's mean nothing on the agents' API.
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    SecurityContextRepository customerSessions() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    @Order(0)
    SecurityFilterChain portalChain(HttpSecurity http, SecurityContextRepository customerSessions,
            CustomerApiTokens tokens, CustomerAccounts accounts) throws Exception {
        CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookiePath("/");
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        CsrfTokenRequestAttributeHandler csrfHandler = new CsrfTokenRequestAttributeHandler();
        csrfHandler.setCsrfRequestAttributeName(null); // every response carries the cookie, so pages always have it
        http.securityMatcher(paths("/api/portal/**", "/portal", "/portal/**"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths("/portal", "/portal/**")).permitAll()
                        .requestMatchers(get("/api/portal/v1/kb/**")).permitAll()
                        .requestMatchers(paths("/api/portal/v1/auth/**")).permitAll()
                        // surveys are answered through a signed link, without signing in (the link is the proof)
                        .requestMatchers(paths("/api/portal/v1/surveys/**")).permitAll()
                        .anyRequest().hasRole(CustomerAuthentication.ROLE))
                .securityContext(context -> context.securityContextRepository(customerSessions))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(csrfHandler)
                        .ignoringRequestMatchers(
                                request -> {
                                    String header = request.getHeader("Authorization");
                                    return header != null && header.regionMatches(true, 0, CustomerAuthenticationFilter.BEARER, 0,
                                            CustomerAuthenticationFilter.BEARER.length());
                                },
                                // answers a token in the body, which another site cannot read; sets no cookie
                                post("/api/portal/v1/auth/tokens")))
                .headers(h -> h.frameOptions(f -> f.deny())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> problem(response, 401, "Unauthorized",
                                "Sign in to the portal first (a session, or Authorization: Bearer <token>)."))
                        .accessDeniedHandler((request, response, e) -> problem(response, 403, "Forbidden",
                                e instanceof CsrfException
                                        ? "The CSRF token is missing or wrong: send the XSRF-TOKEN cookie's value in an X-XSRF-TOKEN header."
                                        : "You are not allowed to do this.")))
                .addFilterBefore(new CustomerAuthenticationFilter(tokens, accounts), AuthorizationFilter.class);
        return http.build();
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"SupportFlow portal\"");
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter().write(io.supportflow.common.ProblemJson.of(status, title, detail));
    }

    private static RequestMatcher paths(String... patterns) {
        PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(java.util.Arrays.stream(patterns).map(p -> (RequestMatcher) builder.matcher(p)).toList());
    }

    private static RequestMatcher get(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, pattern);
    }

    private static RequestMatcher post(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, pattern);
    }
}
