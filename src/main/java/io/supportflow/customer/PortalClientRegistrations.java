package io.supportflow.customer;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientPropertiesMapper;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;

/**
 * The OpenID Connect providers customers can sign in with: those configured the standard Spring Boot way
 * ({@code spring.security.oauth2.client.registration.*} and {@code .provider.*}; none by default, so the
 * application starts without any), plus any registered at run time. Being a
 * {@link ClientRegistrationRepository} bean, it replaces Boot's own, which would refuse to start with none.
 */
@Component
class PortalClientRegistrations implements ClientRegistrationRepository, Iterable<ClientRegistration> {

    private final Map<String, ClientRegistration> registrations = new ConcurrentHashMap<>();

    PortalClientRegistrations(Environment environment) {
        OAuth2ClientProperties properties = Binder.get(environment)
                .bind("spring.security.oauth2.client", Bindable.of(OAuth2ClientProperties.class))
                .orElseGet(OAuth2ClientProperties::new);
        properties.validate();
        registrations.putAll(new OAuth2ClientPropertiesMapper(properties).asClientRegistrations());
    }

    /** Adds (or replaces) a provider while the application runs, e.g. one whose issuer is known only then. */
    void register(ClientRegistration registration) {
        registrations.put(registration.getRegistrationId(), registration);
    }

    void remove(String registrationId) {
        registrations.remove(registrationId);
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return registrationId == null ? null : registrations.get(registrationId);
    }

    @Override
    public Iterator<ClientRegistration> iterator() {
        return List.copyOf(registrations.values()).iterator();
    }

    /** The providers that sign customers in: authorization code with the openid scope, sorted by name. */
    List<ClientRegistration> oidcProviders() {
        return registrations.values().stream()
                .filter(r -> AuthorizationGrantType.AUTHORIZATION_CODE.equals(r.getAuthorizationGrantType()))
                .filter(r -> r.getScopes().contains(OidcScopes.OPENID))
                .sorted(java.util.Comparator.comparing(ClientRegistration::getClientName).thenComparing(ClientRegistration::getRegistrationId))
                .toList();
    }
}
