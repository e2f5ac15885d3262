package io.supportflow.customer;

import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers' portal accounts: creation and password checks. Passwords are stored with Spring Security's
 * delegating encoder (bcrypt, prefixed with its id so that a stronger hash can take over later).
 */
@Component
@Transactional
public class CustomerAccounts {

    /** Compared against when no account exists, so that the answer takes as long either way. */
    private static final String DUMMY_HASH = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("no account here");

    private final JdbcClient jdbc;
    private final CustomerDirectory directory;
    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final String tenant;

    CustomerAccounts(JdbcClient jdbc, CustomerDirectory directory, @Value("${supportflow.tickets.tenant:default}") String tenant) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.tenant = tenant;
    }

    /** The tenant this portal serves. */
    public String tenant() {
        return tenant;
    }

    /** Creates the customer (or finds them by email) and their account; the email is not verified yet. */
    public CustomerPrincipal create(String name, String email, String rawPassword) {
        long customerId = directory.addCustomer(tenant, name, email, directory.organizationForEmail(tenant, email).orElse(null));
        long accountId = jdbc.sql("""
                INSERT INTO customer_account (tenant_id, customer_id, password_hash) VALUES (:tenant, :customer, :hash)
                RETURNING id""")
                .param("tenant", tenant).param("customer", customerId)
                .param("hash", rawPassword == null ? null : passwords.encode(rawPassword))
                .query(Long.class).single();
        return byId(accountId).orElseThrow();
    }

    public void markEmailVerified(long accountId) {
        jdbc.sql("UPDATE customer_account SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = :id")
                .param("id", accountId).update();
    }

    /** The account when the password is right; the same time is spent when there is no such account. */
    @Transactional(readOnly = true)
    public Optional<CustomerPrincipal> checkPassword(String email, String rawPassword) {
        record Stored(long id, String hash) {
        }
        Optional<Stored> stored = jdbc.sql("""
                SELECT a.id, a.password_hash FROM customer_account a JOIN customer c ON c.id = a.customer_id
                WHERE a.tenant_id = :tenant AND lower(c.email) = lower(:email)""")
                .param("tenant", tenant).param("email", email)
                .query((rs, n) -> new Stored(rs.getLong(1), rs.getString(2))).optional();
        String hash = stored.map(Stored::hash).orElse(null);
        boolean matches = passwords.matches(rawPassword, hash == null ? DUMMY_HASH : hash);
        return matches && hash != null ? byId(stored.get().id()) : Optional.empty();
    }

    @Transactional(readOnly = true)
    public Optional<CustomerPrincipal> byId(long accountId) {
        return jdbc.sql("""
                SELECT a.id, a.customer_id, a.tenant_id, c.organization_id, c.email, c.name, a.credentials_version
                FROM customer_account a JOIN customer c ON c.id = a.customer_id WHERE a.id = :id""")
                .param("id", accountId)
                .query((rs, n) -> new CustomerPrincipal(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        (Long) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getInt(7)))
                .optional();
    }
}
