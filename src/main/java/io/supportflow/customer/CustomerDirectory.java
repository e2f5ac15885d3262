package io.supportflow.customer;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Known customers and their organizations, found by email address. */
@Component
public class CustomerDirectory {

    /** @param language ISO 639-1 (en, fr…), or null while not known */
    public record KnownCustomer(long id, String name, String email, Long organizationId, String organizationName, String tier,
            String language) {
    }

    /** An ISO 639-1 code as stored: two lower-case letters. */
    public static final String LANGUAGE_PATTERN = "^[a-z]{2}$";

    private final JdbcClient jdbc;

    CustomerDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<KnownCustomer> findByEmail(String tenantId, String email) {
        return jdbc.sql("""
                SELECT c.id, c.name, c.email, c.organization_id, o.name AS organization_name, coalesce(o.tier, 'STANDARD') AS tier,
                    c.language
                FROM customer c LEFT JOIN organization o ON o.id = c.organization_id
                WHERE c.tenant_id = :tenant AND lower(c.email) = lower(:email)""")
                .param("tenant", tenantId).param("email", email)
                .query((rs, n) -> new KnownCustomer(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                        (Long) rs.getObject("organization_id"), rs.getString("organization_name"), rs.getString("tier"),
                        rs.getString("language")))
                .optional();
    }

    /**
     * The customer with this address, added when unknown (every requester is a customer, as in Zendesk or Zammad):
     * a later portal sign-up with the address finds their tickets. A new customer joins the organization that
     * claims the address's domain, if any.
     */
    public KnownCustomer findOrAdd(String tenantId, String name, String email) {
        return findByEmail(tenantId, email).orElseGet(() -> {
            jdbc.sql("""
                    INSERT INTO customer (tenant_id, name, email, organization_id) VALUES (:tenant, :name, :email, :org)
                    ON CONFLICT (tenant_id, lower(email)) DO NOTHING""")
                    .param("tenant", tenantId).param("name", name).param("email", email)
                    .param("org", organizationForEmail(tenantId, email).orElse(null)).update();
            return findByEmail(tenantId, email).orElseThrow();
        });
    }

    /** The customer's language (ISO 639-1), empty while not known. */
    public Optional<String> language(String tenantId, long customerId) {
        return jdbc.sql("SELECT language FROM customer WHERE id = :customer AND tenant_id = :tenant")
                .param("customer", customerId).param("tenant", tenantId).query(String.class).optional()
                .flatMap(Optional::ofNullable);
    }

    /** Sets the language every mail to the customer uses (their profile's choice, or the language they signed up in). */
    public void setLanguage(String tenantId, long customerId, String language) {
        if (language == null || !language.matches(LANGUAGE_PATTERN)) {
            throw new IllegalArgumentException("a language is an ISO 639-1 code, e.g. en or fr");
        }
        jdbc.sql("UPDATE customer SET language = :language WHERE id = :customer AND tenant_id = :tenant")
                .param("language", language).param("customer", customerId).param("tenant", tenantId).update();
    }

    /** Sets the customer's language unless they already have one (a sign-up never overrides a profile's choice). */
    void setLanguageIfUnknown(String tenantId, long customerId, String language) {
        jdbc.sql("UPDATE customer SET language = :language WHERE id = :customer AND tenant_id = :tenant AND language IS NULL")
                .param("language", language).param("customer", customerId).param("tenant", tenantId).update();
    }

    public long addOrganization(String tenantId, String name, String domain, String tier) {
        return jdbc.sql("""
                INSERT INTO organization (tenant_id, name, domain, tier) VALUES (:tenant, :name, :domain, :tier)
                ON CONFLICT (tenant_id, name) DO UPDATE SET domain = excluded.domain RETURNING id""")
                .param("tenant", tenantId).param("name", name).param("domain", domain).param("tier", tier)
                .query(Long.class).single();
    }

    public long addCustomer(String tenantId, String name, String email, Long organizationId) {
        return findByEmail(tenantId, email).map(KnownCustomer::id).orElseGet(() -> jdbc.sql("""
                INSERT INTO customer (tenant_id, name, email, organization_id) VALUES (:tenant, :name, :email, :org)
                RETURNING id""")
                .param("tenant", tenantId).param("name", name).param("email", email).param("org", organizationId)
                .query(Long.class).single());
    }

    /** The organization whose domain is this address's domain, if one claims it. */
    public Optional<Long> organizationForEmail(String tenantId, String email) {
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id FROM organization WHERE tenant_id = :tenant AND lower(domain) = lower(:domain) ORDER BY id LIMIT 1")
                .param("tenant", tenantId).param("domain", email.substring(at + 1))
                .query(Long.class).optional();
    }
}
