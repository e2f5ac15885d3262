package io.supportflow.portal;

import io.supportflow.common.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The tenant as the portal shows it: name and colours, and whether customers see their organization's tickets. */
@Component
class PortalTenant {

    record Branding(String name, String primaryColor, String textColor) {
    }

    private final JdbcClient jdbc;
    private final PortalSettings settings;

    PortalTenant(JdbcClient jdbc, PortalSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    Branding branding(String tenant) {
        return jdbc.sql("SELECT name, brand_primary_color, brand_text_color FROM tenant WHERE id = :tenant")
                .param("tenant", tenant)
                .query((rs, n) -> new Branding(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional().orElseThrow(() -> new NotFoundException("No such tenant."));
    }

    void brand(String tenant, Branding branding) {
        jdbc.sql("UPDATE tenant SET name = :name, brand_primary_color = :primary, brand_text_color = :text WHERE id = :tenant")
                .param("name", branding.name()).param("primary", branding.primaryColor().toLowerCase(java.util.Locale.ROOT))
                .param("text", branding.textColor().toLowerCase(java.util.Locale.ROOT)).param("tenant", tenant).update();
    }

    boolean organizationTickets(String tenant) {
        Boolean own = jdbc.sql("SELECT portal_organization_tickets FROM tenant WHERE id = :tenant").param("tenant", tenant)
                .query((rs, n) -> (Boolean) rs.getObject(1)).optional().orElse(null);
        return own != null ? own : settings.organizationTickets();
    }

    /** null: back to the configured default. */
    void organizationTickets(String tenant, Boolean value) {
        jdbc.sql("UPDATE tenant SET portal_organization_tickets = :value WHERE id = :tenant")
                .param("value", value, java.sql.Types.BOOLEAN).param("tenant", tenant).update();
    }
}
