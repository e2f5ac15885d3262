package io.supportflow.customer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-in through an OpenID Connect provider, inside the portal's security chain. The provider's verified
 * email ({@code email_verified} true) links its subject to the customer's account, or creates one (when
 * sign-up allows the address); an unverified email is refused. Afterwards the session holds the same
 * {@link CustomerAuthentication} as after a password sign-in, or, when the account has two-factor sign-in
 * on, only the pending second-factor marker. Failures land on the sign-in page with a reason it explains.
 */
@Component
class OidcSignIn implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String SIGNED_IN = "/portal/";
    static final String SECOND_FACTOR = "/portal/signin.html?step=code";

    /** The provider's user, with the account it signs in to. */
    static final class PortalOidcUser extends DefaultOidcUser {

        private final long accountId;

        PortalOidcUser(OidcUser user, Collection<? extends GrantedAuthority> authorities, long accountId) {
            super(authorities, user.getIdToken(), user.getUserInfo());
            this.accountId = accountId;
        }

        long accountId() {
            return accountId;
        }
    }

    private final OidcUserService provider = new OidcUserService();
    private final CustomerAccounts accounts;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final PortalAccountSettings settings;
    private final PortalSessions sessions;

    OidcSignIn(CustomerAccounts accounts, JdbcClient jdbc, TransactionTemplate transaction, PortalAccountSettings settings,
            PortalSessions sessions) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.settings = settings;
        this.sessions = sessions;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = provider.loadUser(request);
        String email = user.getEmail();
        if (email == null || email.isBlank() || email.length() > 254 || !email.strip().matches(PortalAccountController.EMAIL)) {
            throw refusal("email_missing", "The provider did not tell us your email address.");
        }
        if (!Boolean.TRUE.equals(user.getEmailVerified())) {
            throw refusal("email_not_verified", "The provider has not verified your email address.");
        }
        String issuer = String.valueOf(user.getIssuer());
        String registrationId = request.getClientRegistration().getRegistrationId();
        Long accountId = transaction.execute(status -> link(registrationId, issuer, user.getSubject(), email.strip(), name(user)));
        return new PortalOidcUser(user, user.getAuthorities(), accountId);
    }

    private long link(String registrationId, String issuer, String subject, String email, String name) {
        Optional<Long> linked = jdbc.sql("SELECT account_id FROM customer_account_identity WHERE issuer = :issuer AND subject = :subject")
                .param("issuer", issuer).param("subject", subject).query(Long.class).optional();
        if (linked.isPresent()) {
            return linked.get();
        }
        Optional<CustomerAccounts.Account> existing = accounts.byEmail(email);
        long accountId;
        if (existing.isPresent()) {
            accountId = existing.get().id();
            if (!existing.get().emailVerified()) {
                // a password chosen before anyone proved the address (perhaps by someone else) dies here
                accounts.setPassword(accountId, null);
            }
        } else if (settings.signup().allows(email)) {
            accountId = accounts.createWithHash(name, email, null).accountId();
        } else {
            throw refusal("signup_not_allowed", "Sign-up is not open to this email address.");
        }
        accounts.markEmailVerified(accountId);
        jdbc.sql("""
                INSERT INTO customer_account_identity (account_id, registration_id, issuer, subject)
                VALUES (:account, :registration, :issuer, :subject)""")
                .param("account", accountId).param("registration", registrationId).param("issuer", issuer)
                .param("subject", subject).update();
        return accountId;
    }

    void onSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication) throws IOException {
        if (!(authentication.getPrincipal() instanceof PortalOidcUser user)) {
            onFailure(request, response, new OAuth2AuthenticationException(new OAuth2Error("oidc_failed")));
            return;
        }
        CustomerAccounts.Account account = accounts.account(user.accountId()).orElseThrow();
        if (account.twoFactorEnabled()) {
            sessions.awaitSecondFactor(account.principal(), request, response);
            response.sendRedirect(SECOND_FACTOR);
        } else {
            sessions.signIn(account.principal(), request, response);
            response.sendRedirect(SIGNED_IN);
        }
    }

    void onFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) throws IOException {
        String code = exception instanceof OAuth2AuthenticationException oauth
                && oauth.getError().getErrorCode().matches("email_missing|email_not_verified|signup_not_allowed")
                ? oauth.getError().getErrorCode() : "oidc_failed";
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
        response.sendRedirect("/portal/signin.html?error=" + code);
    }

    private static String name(OidcUser user) {
        String name = user.getFullName() != null ? user.getFullName() : user.getGivenName();
        if (name == null || name.isBlank()) {
            name = user.getEmail().substring(0, user.getEmail().indexOf('@'));
        }
        name = name.replaceAll("\\p{Cntrl}", " ").strip();
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    private static OAuth2AuthenticationException refusal(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null), description);
    }
}
