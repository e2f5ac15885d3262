package io.supportflow.customer;

import io.supportflow.common.ProblemText;
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
            CustomerApiTokens tokens, CustomerAccounts accounts, PortalClientRegistrations providers, OidcSignIn oidc)
            throws Exception {
        CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookiePath("/");
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        CsrfTokenRequestAttributeHandler csrfHandler = new CsrfTokenRequestAttributeHandler();
        csrfHandler.setCsrfRequestAttributeName(null); // every response carries the cookie, so pages always have it
        // OpenID Connect sign-in (the redirect to the provider and its answer) runs in this chain too, so that
        // it ends in the same portal session as a password sign-in
        http.securityMatcher(paths("/api/portal/**", "/portal", "/portal/**", OAUTH2_AUTHORIZATION + "/**", OAUTH2_CALLBACK))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths("/portal", "/portal/**")).permitAll()
                        .requestMatchers(paths(OAUTH2_AUTHORIZATION + "/**", OAUTH2_CALLBACK)).permitAll()
                        .requestMatchers(get("/api/portal/v1/kb/**")).permitAll()
                        // the signed-in customer's own security settings
                        .requestMatchers(paths("/api/portal/v1/auth/two-factor", "/api/portal/v1/auth/two-factor/**",
                                "/api/portal/v1/auth/password")).hasRole(CustomerAuthentication.ROLE)
                        .requestMatchers(paths("/api/portal/v1/auth/**")).permitAll()
                        // surveys are answered through a signed link, without signing in (the link is the proof)
                        .requestMatchers(paths("/api/portal/v1/surveys/**")).permitAll()
                        .anyRequest().hasRole(CustomerAuthentication.ROLE))
                .securityContext(context -> context.securityContextRepository(customerSessions))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .oauth2Login(login -> login
                        .loginPage("/portal/signin.html")
                        .clientRegistrationRepository(providers)
                        .authorizationEndpoint(a -> a.baseUri(OAUTH2_AUTHORIZATION)
                                .authorizationRequestResolver(new KnownProvidersOnly(providers)))
                        .redirectionEndpoint(r -> r.baseUri(OAUTH2_CALLBACK))
                        // the provider's tokens are not kept: they served to prove who the customer is, nothing more
                        .authorizedClientRepository(new NoAuthorizedClients())
                        .userInfoEndpoint(user -> user.oidcUserService(oidc))
                        .successHandler(oidc::onSuccess)
                        .failureHandler(oidc::onFailure))
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
                        .authenticationEntryPoint((request, response, e) -> problem(request, response, 401, "Unauthorized",
                                ProblemText.of("auth.signInToPortal")))
                        .accessDeniedHandler((request, response, e) -> problem(request, response, 403, "Forbidden",
                                ProblemText.of(e instanceof CsrfException ? "auth.csrf" : "auth.forbidden"))))
                .addFilterBefore(new CustomerAuthenticationFilter(tokens, accounts), AuthorizationFilter.class);
        return http.build();
    }

    static final String OAUTH2_AUTHORIZATION = "/oauth2/authorization";
    static final String OAUTH2_CALLBACK = "/login/oauth2/code/*";

    /** An unknown provider id is a 404 (Spring's resolver would throw, which it answers with a 500). */
    static final class KnownProvidersOnly implements org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver {

        private final org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver resolver;

        KnownProvidersOnly(PortalClientRegistrations providers) {
            this.resolver = new org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver(providers,
                    OAUTH2_AUTHORIZATION);
        }

        @Override
        public org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest resolve(jakarta.servlet.http.HttpServletRequest request) {
            try {
                return resolver.resolve(request);
            } catch (IllegalArgumentException unknownProvider) {
                return null;
            }
        }

        @Override
        public org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest resolve(jakarta.servlet.http.HttpServletRequest request,
                String registrationId) {
            try {
                return resolver.resolve(request, registrationId);
            } catch (IllegalArgumentException unknownProvider) {
                return null;
            }
        }
    }

    /** Keeps no provider access tokens: OIDC serves only to sign the customer in. */
    static final class NoAuthorizedClients implements org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository {

        @Override
        public <T extends org.springframework.security.oauth2.client.OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId,
                org.springframework.security.core.Authentication principal, jakarta.servlet.http.HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(org.springframework.security.oauth2.client.OAuth2AuthorizedClient client,
                org.springframework.security.core.Authentication principal, jakarta.servlet.http.HttpServletRequest request,
                HttpServletResponse response) {
        }

        @Override
        public void removeAuthorizedClient(String registrationId, org.springframework.security.core.Authentication principal,
                jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response) {
        }
    }

    private static void problem(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response, int status, String title,
            ProblemText detail) throws IOException {
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"SupportFlow portal\"");
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(io.supportflow.common.ProblemJson.of(request, status, title, detail));
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
