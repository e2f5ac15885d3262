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

    /** What sign-in needs to know about an account besides its principal. */
    record Account(CustomerPrincipal principal, String passwordHash, boolean emailVerified, boolean twoFactorEnabled) {

        long id() {
            return principal.accountId();
        }
    }

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
        return createWithHash(name, email, rawPassword == null ? null : passwords.encode(rawPassword));
    }

    CustomerPrincipal createWithHash(String name, String email, String passwordHash) {
        long customerId = directory.addCustomer(tenant, name, email, directory.organizationForEmail(tenant, email).orElse(null));
        long accountId = jdbc.sql("""
                INSERT INTO customer_account (tenant_id, customer_id, password_hash) VALUES (:tenant, :customer, :hash)
                RETURNING id""")
                .param("tenant", tenant).param("customer", customerId).param("hash", passwordHash)
                .query(Long.class).single();
        return byId(accountId).orElseThrow();
    }

    /** The language the customer signed up in, kept unless they already have one. */
    void rememberLanguage(long customerId, String language) {
        directory.setLanguageIfUnknown(tenant, customerId, language);
    }

    /** Whether this address has a portal account (in this portal's tenant). */
    @Transactional(readOnly = true)
    public boolean hasAccount(String email) {
        return jdbc.sql("""
                SELECT count(*) FROM customer_account a JOIN customer c ON c.id = a.customer_id
                WHERE a.tenant_id = :tenant AND lower(c.email) = lower(:email)""")
                .param("tenant", tenant).param("email", email).query(Long.class).single() > 0;
    }

    public void markEmailVerified(long accountId) {
        jdbc.sql("UPDATE customer_account SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = :id")
                .param("id", accountId).update();
    }

    /** The account when the password is right; the same time is spent when there is no such account. */
    @Transactional(readOnly = true)
    public Optional<CustomerPrincipal> checkPassword(String email, String rawPassword) {
        return authenticate(email, rawPassword).map(Account::principal);
    }

    /** Like {@link #checkPassword} with what sign-in must check next (verified address, second factor). */
    @Transactional(readOnly = true)
    Optional<Account> authenticate(String email, String rawPassword) {
        Optional<Account> account = byEmail(email);
        String hash = account.map(Account::passwordHash).orElse(null);
        boolean matches = passwords.matches(rawPassword, hash == null ? DUMMY_HASH : hash);
        return matches && hash != null ? account : Optional.empty();
    }

    /** Whether the password is the account's (false for accounts without a password). */
    @Transactional(readOnly = true)
    boolean passwordMatches(long accountId, String rawPassword) {
        String hash = account(accountId).map(Account::passwordHash).orElse(null);
        boolean matches = passwords.matches(rawPassword, hash == null ? DUMMY_HASH : hash);
        return matches && hash != null;
    }

    String hash(String rawPassword) {
        return passwords.encode(rawPassword);
    }

    @Transactional(readOnly = true)
    Optional<Account> byEmail(String email) {
        return jdbc.sql(ACCOUNT_SELECT + " WHERE a.tenant_id = :tenant AND lower(c.email) = lower(:email)")
                .param("tenant", tenant).param("email", email).query(CustomerAccounts::account).optional();
    }

    @Transactional(readOnly = true)
    Optional<Account> account(long accountId) {
        return jdbc.sql(ACCOUNT_SELECT + " WHERE a.id = :id").param("id", accountId).query(CustomerAccounts::account).optional();
    }

    /**
     * A new password (or none): every session and token of the old credentials stops working. Returns the
     * principal with the new credentials version, for the session that made the change.
     */
    CustomerPrincipal setPassword(long accountId, String passwordHash) {
        jdbc.sql("UPDATE customer_account SET password_hash = :hash, credentials_version = credentials_version + 1 WHERE id = :id")
                .param("hash", passwordHash).param("id", accountId).update();
        return byId(accountId).orElseThrow();
    }

    /** Ends every session of the account (its tokens are revoked by {@link CustomerApiTokens#revokeAll}). */
    CustomerPrincipal bumpCredentials(long accountId) {
        jdbc.sql("UPDATE customer_account SET credentials_version = credentials_version + 1 WHERE id = :id")
                .param("id", accountId).update();
        return byId(accountId).orElseThrow();
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

    private static final String ACCOUNT_SELECT = """
            SELECT a.id, a.customer_id, a.tenant_id, c.organization_id, c.email, c.name, a.credentials_version,
                   a.password_hash, a.email_verified_at IS NOT NULL AS verified, a.totp_enabled_at IS NOT NULL AS totp
            FROM customer_account a JOIN customer c ON c.id = a.customer_id""";

    private static Account account(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Account(new CustomerPrincipal(rs.getLong(1), rs.getLong(2), rs.getString(3), (Long) rs.getObject(4),
                rs.getString(5), rs.getString(6), rs.getInt(7)), rs.getString(8), rs.getBoolean(9), rs.getBoolean(10));
    }
}
