package io.supportflow.customer;

import java.io.Serializable;

/**
 * A signed-in customer, as the portal API sees them ({@code @AuthenticationPrincipal CustomerPrincipal}).
 * Everything a customer may see is scoped by {@link #tenantId()} and {@link #customerId()} (and, where the
 * tenant allows it, {@link #organizationId()}).
 */
public record CustomerPrincipal(long accountId, long customerId, String tenantId, Long organizationId, String email,
        String name, int credentialsVersion) implements Serializable {
}
