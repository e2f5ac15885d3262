package io.supportflow.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/** Providers come from the standard Spring Boot properties (none by default) and can be added at run time. */
class PortalClientRegistrationsTest {

    @Test
    void noneByDefault() {
        PortalClientRegistrations registrations = new PortalClientRegistrations(new MockEnvironment());
        assertThat(registrations.oidcProviders()).isEmpty();
        assertThat(registrations.findByRegistrationId("google")).isNull();
        assertThat(registrations.findByRegistrationId(null)).isNull();
    }

    @Test
    void configuredProvidersWithTheOpenidScopeAreOffered() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.security.oauth2.client.registration.google.client-id", "id-1")
                .withProperty("spring.security.oauth2.client.registration.google.client-secret", "secret-1")
                .withProperty("spring.security.oauth2.client.registration.github.client-id", "id-2")
                .withProperty("spring.security.oauth2.client.registration.github.client-secret", "secret-2");

        PortalClientRegistrations registrations = new PortalClientRegistrations(environment);

        assertThat(registrations.findByRegistrationId("google").getClientId()).isEqualTo("id-1");
        assertThat(registrations.findByRegistrationId("github")).isNotNull();
        // GitHub is OAuth 2 without OpenID Connect: no verified email claim, so no sign-in button
        assertThat(registrations.oidcProviders()).extracting(ClientRegistration::getRegistrationId).containsExactly("google");
        assertThat(registrations.oidcProviders().get(0).getClientName()).isEqualTo("Google");

        registrations.register(ClientRegistration.withClientRegistration(registrations.findByRegistrationId("google"))
                .registrationId("another").clientName("Another").build());
        assertThat(registrations.oidcProviders()).extracting(ClientRegistration::getRegistrationId).containsExactly("another", "google");
        registrations.remove("another");
        assertThat(registrations).extracting(ClientRegistration::getRegistrationId).containsExactlyInAnyOrder("google", "github");
    }
}
