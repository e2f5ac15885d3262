package io.supportflow.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.customer.CustomerAccounts;
import io.supportflow.customer.CustomerPrincipal;
import io.supportflow.support.Api;
import java.util.Map;
import java.util.UUID;

/** Customers with bearer tokens, and tickets they open through the portal API. */
final class PortalFixtures {

    record Customer(CustomerPrincipal principal, String email, Api api) {
    }

    private PortalFixtures() {
    }

    static Customer customer(int port, CustomerAccounts accounts, String name, String domain) {
        String email = "portal-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
        CustomerPrincipal principal = accounts.create(name, email, "portal password 1");
        accounts.markEmailVerified(principal.accountId());
        Api.Response token = Api.anonymous(port).post("/api/portal/v1/auth/tokens", Map.of("email", email, "password", "portal password 1"));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        return new Customer(principal, email, Api.bearer(port, token.json().path("token").asText()));
    }

    static String openTicket(Customer customer, String subject, String description) {
        Api.Response created = customer.api().post("/api/portal/v1/tickets", Map.of("subject", subject, "description", description));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("number").asText();
    }
}
