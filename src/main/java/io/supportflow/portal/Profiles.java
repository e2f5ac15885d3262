package io.supportflow.portal;

import io.supportflow.customer.CustomerPrincipal;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's profile as the portal shows and changes it: the name on their customer row and their
 * preferred language (portal_profile). The email is who they are and does not change here.
 */
@Component
@Transactional
class Profiles {

    enum Language { en, fr }

    record Profile(String name, String email, Language preferredLanguage, String organization) {
    }

    private final JdbcClient jdbc;

    Profiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    Profile get(CustomerPrincipal customer) {
        return jdbc.sql("""
                SELECT c.name, c.email, p.preferred_language, o.name AS organization FROM customer c
                LEFT JOIN portal_profile p ON p.customer_id = c.id
                LEFT JOIN organization o ON o.id = c.organization_id
                WHERE c.id = :customer AND c.tenant_id = :tenant""")
                .param("customer", customer.customerId()).param("tenant", customer.tenantId())
                .query((rs, n) -> new Profile(rs.getString(1), rs.getString(2),
                        Optional.ofNullable(rs.getString(3)).map(Language::valueOf).orElse(null), rs.getString(4)))
                .single();
    }

    Profile change(CustomerPrincipal customer, String name, Language language) {
        if (name != null) {
            jdbc.sql("UPDATE customer SET name = :name WHERE id = :customer AND tenant_id = :tenant")
                    .param("name", name).param("customer", customer.customerId()).param("tenant", customer.tenantId()).update();
        }
        if (language != null) {
            jdbc.sql("""
                    INSERT INTO portal_profile (customer_id, preferred_language) VALUES (:customer, :language)
                    ON CONFLICT (customer_id) DO UPDATE SET preferred_language = excluded.preferred_language, updated_at = now()""")
                    .param("customer", customer.customerId()).param("language", language.name()).update();
        }
        return get(customer);
    }
}
