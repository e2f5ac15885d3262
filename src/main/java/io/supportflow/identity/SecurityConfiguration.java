package io.supportflow.identity;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. The agents' API and the engine REST API need HTTP Basic credentials of a
 * Camunda identity user; the webapps (Tasklist, Cockpit, Admin) bring their own session login;
 * only the landing page, static assets, API docs and health are public. The customer portal
 * ({@code /portal/**}, {@code /api/portal/**}) has its own chain, ordered first: customer.PortalSecurityConfiguration.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Before anything else reads the body: webapps and engine REST alike. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<EngineQueryExpressionGuard> engineQueryExpressionGuard() {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new EngineQueryExpressionGuard());
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    AuthenticationManager authenticationManager(IdentityAuthenticationProvider provider) {
        return new ProviderManager(provider);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, AuthenticationManager authenticationManager,
            IdentityService identityService) throws Exception {
        ProblemAuthenticationEntryPoint problems = new ProblemAuthenticationEntryPoint();
        http.securityMatcher(paths("/api/**", "/engine-rest/**"))
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths("/api/v1/admin/**")).hasRole("ADMIN")
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // stateless Basic auth and no cookies: CSRF cannot ride on anything here
                .csrf(csrf -> csrf.disable())
                .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths("/", "/index.html", "/rule-builder.html", "/favicon.ico", "/css/**", "/js/**", "/images/**")).permitAll()
                        .requestMatchers(paths("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")).permitAll()
                        .requestMatchers(paths("/actuator/health", "/actuator/health/**", "/error")).permitAll()
                        // Camunda's webapps authenticate with their own session and CSRF protection
                        .requestMatchers(paths("/camunda/**")).permitAll()
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers(paths("/camunda/**")))
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    /** Matches the whole path, whichever servlet (Spring MVC, Jersey, the webapps' filters) serves it. */
    private static RequestMatcher paths(String... patterns) {
        PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(java.util.Arrays.stream(patterns).map(p -> (RequestMatcher) builder.matcher(p)).toList());
    }
}
