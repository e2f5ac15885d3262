package io.supportflow.customer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * What a portal session holds: a {@link CustomerAuthentication} once the customer is signed in, or, between
 * a right password (or an OIDC sign-in) and the second factor, only a pending marker that authenticates
 * nothing. Every change of state gets a new session id (no session fixation).
 */
@Component
class PortalSessions {

    static final String PENDING_SECOND_FACTOR = PortalSessions.class.getName() + ".pendingSecondFactor";
    static final Duration PENDING_VALIDITY = Duration.ofMinutes(5);

    /** A password (or OIDC) sign-in that still waits for its second factor. */
    record Pending(long accountId, int credentialsVersion, Instant expiresAt) implements Serializable {
    }

    private final SecurityContextRepository repository;

    PortalSessions(SecurityContextRepository customerSessions) {
        this.repository = customerSessions;
    }

    void signIn(CustomerPrincipal customer, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = renew(request);
        session.removeAttribute(PENDING_SECOND_FACTOR);
        save(new CustomerAuthentication(customer), request, response);
    }

    /** The session now proves nothing but a right first factor, for a few minutes. */
    void awaitSecondFactor(CustomerPrincipal customer, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = renew(request);
        save(null, request, response);
        session.setAttribute(PENDING_SECOND_FACTOR,
                new Pending(customer.accountId(), customer.credentialsVersion(), Instant.now().plus(PENDING_VALIDITY)));
    }

    Optional<Pending> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING_SECOND_FACTOR) instanceof Pending pending)) {
            return Optional.empty();
        }
        if (pending.expiresAt().isBefore(Instant.now())) {
            session.removeAttribute(PENDING_SECOND_FACTOR);
            return Optional.empty();
        }
        return Optional.of(pending);
    }

    /** The same customer with new credentials (after a password change): this session stays signed in. */
    void refresh(CustomerPrincipal customer, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            save(new CustomerAuthentication(customer), request, response);
        }
    }

    private HttpSession renew(HttpServletRequest request) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        return request.getSession(true);
    }

    private void save(CustomerAuthentication authentication, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        if (authentication != null) {
            context.setAuthentication(authentication);
            SecurityContextHolder.setContext(context);
        } else {
            SecurityContextHolder.clearContext();
        }
        repository.saveContext(context, request, response);
    }
}
