package io.supportflow.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The agent of the current request; the security chain guarantees there is one on /api. */
@Component
public class CurrentAgent {

    public Agent get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Agent agent) {
            return agent;
        }
        throw new IllegalStateException("no authenticated agent");
    }
}
