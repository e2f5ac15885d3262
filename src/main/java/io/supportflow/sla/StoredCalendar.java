package io.supportflow.sla;

/**
 * A calendar as stored for a tenant: the tenant's default when {@code team} is null, else that
 * team's override.
 */
record StoredCalendar(long id, String tenantId, String team, BusinessCalendar calendar) {

    boolean isTenantDefault() {
        return team == null;
    }
}
