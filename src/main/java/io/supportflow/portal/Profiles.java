package io.supportflow.portal;

import io.supportflow.customer.CustomerDirectory;
import io.supportflow.customer.CustomerPrincipal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's profile as the portal shows and changes it: the name on their customer row and their
 * preferred language, which is the customer's language (owned by the customer capability, used for every
 * mail to them). The email is who they are and does not change here.
 */
@Component
@Transactional
class Profiles {

    enum Language { en, fr }

    /** @param preferredLanguage the customer's language (an ISO 639-1 code; en or fr when chosen here), or null */
    record Profile(String name, String email, String preferredLanguage, String organization) {
    }

    private final JdbcClient jdbc;
    private final CustomerDirectory customers;

    Profiles(JdbcClient jdbc, CustomerDirectory customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    @Transactional(readOnly = true)
    Profile get(CustomerPrincipal customer) {
        String language = customers.language(customer.tenantId(), customer.customerId()).orElse(null);
        return jdbc.sql("""
                SELECT c.name, c.email, o.name AS organization FROM customer c
                LEFT JOIN organization o ON o.id = c.organization_id
                WHERE c.id = :customer AND c.tenant_id = :tenant""")
                .param("customer", customer.customerId()).param("tenant", customer.tenantId())
                .query((rs, n) -> new Profile(rs.getString(1), rs.getString(2),
                        language, rs.getString(3)))
                .single();
    }

    Profile change(CustomerPrincipal customer, String name, Language language) {
        if (name != null) {
            jdbc.sql("UPDATE customer SET name = :name WHERE id = :customer AND tenant_id = :tenant")
                    .param("name", name).param("customer", customer.customerId()).param("tenant", customer.tenantId()).update();
        }
        if (language != null) {
            customers.setLanguage(customer.tenantId(), customer.customerId(), language.name());
        }
        return get(customer);
    }
}
