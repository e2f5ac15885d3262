package io.supportflow.customer;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A customer's proven identity in the security context: from a portal session or an API token. */
public final class CustomerAuthentication extends AbstractAuthenticationToken {

    public static final String ROLE = "CUSTOMER";

    private final CustomerPrincipal customer;

    public CustomerAuthentication(CustomerPrincipal customer) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
        this.customer = customer;
        setAuthenticated(true);
    }

    @Override
    public CustomerPrincipal getPrincipal() {
        return customer;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return customer.email();
    }
}
