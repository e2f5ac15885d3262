package io.supportflow.customer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who the customer is on a portal request: an {@code Authorization: Bearer} token, or the session's
 * sign-in, which stops counting once the account's credentials changed (new password, sign-out everywhere).
 */
class CustomerAuthenticationFilter extends OncePerRequestFilter {

    static final String BEARER = "Bearer ";

    private final CustomerApiTokens tokens;
    private final CustomerAccounts accounts;

    CustomerAuthenticationFilter(CustomerApiTokens tokens, CustomerAccounts accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            tokens.resolve(header.substring(BEARER.length()).strip()).ifPresentOrElse(
                    customer -> SecurityContextHolder.getContext().setAuthentication(new CustomerAuthentication(customer)),
                    SecurityContextHolder::clearContext);
        } else {
            Authentication current = SecurityContextHolder.getContext().getAuthentication();
            if (current instanceof CustomerAuthentication session && !stillValid(session.getPrincipal())) {
                SecurityContextHolder.clearContext();
                Optional.ofNullable(request.getSession(false)).ifPresent(s -> s.invalidate());
            }
        }
        chain.doFilter(request, response);
    }

    private boolean stillValid(CustomerPrincipal customer) {
        return accounts.byId(customer.accountId())
                .filter(now -> now.credentialsVersion() == customer.credentialsVersion())
                .isPresent();
    }
}
