package io.supportflow.customer;

import io.supportflow.common.InvalidInputException;
import io.supportflow.common.ProblemText;
import io.supportflow.common.PublicUrl;
import io.supportflow.common.TemplatedMailRequested;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Sign-up with email verification, password reset by email, password change. The answers to sign-up and
 * reset requests are the same whether an account exists or not; what differs is only the mail, which
 * goes to the address's owner: a verification link, a "someone tried to sign up with your address" notice,
 * or a reset link. Like Zendesk and Freshdesk, a self-service account cannot sign in before its address is
 * verified. Mails go out through the mail capability's outbox, asked for by event ({@link TemplatedMailRequested}):
 * a direct call would close a cycle (mail needs tickets, tickets need customers).
 */
@Component
@Transactional
class AccountLifecycle {

    private final CustomerAccounts accounts;
    private final CustomerApiTokens tokens;
    private final AccountLinks links;
    private final AuthThrottle throttle;
    private final ApplicationEventPublisher mail;
    private final PublicUrl urls;
    private final PortalAccountSettings settings;

    AccountLifecycle(CustomerAccounts accounts, CustomerApiTokens tokens, AccountLinks links, AuthThrottle throttle,
            ApplicationEventPublisher mail, PublicUrl urls, PortalAccountSettings settings) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.links = links;
        this.throttle = throttle;
        this.mail = mail;
        this.urls = urls;
        this.settings = settings;
    }

    /** @param language the language the customer signs up in (en, fr), or null: English mails, no language stored */
    void signUp(String name, String email, String password, String language, String clientAddress) {
        PasswordPolicy.check("password", password, email);
        if (!settings.signup().allows(email)) {
            throw new SignUpNotAllowed(settings.signup());
        }
        countRequest(clientAddress);
        String hash = accounts.hash(password); // always, so that every answer takes as long
        Optional<CustomerAccounts.Account> existing = accounts.byEmail(email);
        if (!mayMail(email)) {
            return;
        }
        if (existing.isPresent() && existing.get().emailVerified()) {
            mail.publishEvent(new TemplatedMailRequested(existing.get().principal().email(), "account-exists", mailLanguage(language), Map.of(
                    "name", existing.get().principal().name(),
                    "signInLink", urls.link("/portal/signin.html"),
                    "resetLink", urls.link("/portal/forgot.html")), "account-exists:" + UUID.randomUUID()));
            return;
        }
        CustomerPrincipal account = existing.map(CustomerAccounts.Account::principal)
                .orElseGet(() -> accounts.createWithHash(name, email, hash));
        if (language != null) {
            accounts.rememberLanguage(account.customerId(), language);
        }
        AccountLinks.Issued link = links.issue(account.accountId(), AccountLinks.Purpose.VERIFY_EMAIL,
                settings.verificationLinkValidity(), hash);
        mail.publishEvent(new TemplatedMailRequested(account.email(), "account-verify", mailLanguage(language), Map.of(
                "name", account.name(),
                "link", urls.link("/portal/verify.html#token=" + link.token()),
                "hours", Long.toString(settings.verificationLinkValidity().toHours())), "account-verify:" + link.id()));
    }

    /** Proves the address; the password chosen with this sign-up becomes the account's. */
    CustomerPrincipal verifyEmail(String token) {
        AccountLinks.Used used = links.use(token, AccountLinks.Purpose.VERIFY_EMAIL).orElseThrow(InvalidLink::new);
        accounts.markEmailVerified(used.accountId());
        CustomerPrincipal account = used.passwordHash() == null ? accounts.byId(used.accountId()).orElseThrow()
                : accounts.setPassword(used.accountId(), used.passwordHash());
        links.retire(used.accountId(), AccountLinks.Purpose.VERIFY_EMAIL);
        return account;
    }

    void requestReset(String email, String language, String clientAddress) {
        countRequest(clientAddress);
        Optional<CustomerAccounts.Account> account = accounts.byEmail(email);
        if (account.isEmpty() || !mayMail(email)) {
            return;
        }
        CustomerPrincipal customer = account.get().principal();
        AccountLinks.Issued link = links.issue(customer.accountId(), AccountLinks.Purpose.RESET_PASSWORD,
                settings.resetLinkValidity(), null);
        mail.publishEvent(new TemplatedMailRequested(customer.email(), "password-reset", language, Map.of(
                "name", customer.name(),
                "link", urls.link("/portal/reset.html#token=" + link.token()),
                "minutes", Long.toString(settings.resetLinkValidity().toMinutes())), "password-reset:" + link.id()));
    }

    /**
     * Sets the new password: every session and API token of the account ends, the address counts as
     * verified (the link came to it), and the account's sign-in lock is lifted. A second factor stays on.
     */
    CustomerPrincipal resetPassword(String token, String newPassword) {
        AccountLinks.Used used = links.use(token, AccountLinks.Purpose.RESET_PASSWORD).orElseThrow(InvalidLink::new);
        CustomerPrincipal account = accounts.byId(used.accountId()).orElseThrow(InvalidLink::new);
        PasswordPolicy.check("password", newPassword, account.email()); // a refusal rolls back: the link still works
        CustomerPrincipal changed = accounts.setPassword(account.accountId(), accounts.hash(newPassword));
        accounts.markEmailVerified(account.accountId());
        tokens.revokeAll(account.accountId());
        links.retire(account.accountId(), AccountLinks.Purpose.RESET_PASSWORD);
        throttle.forget(AuthThrottle.accountKey(account.email()));
        return changed;
    }

    /** The signed-in customer's new password; other sessions and all API tokens end. */
    CustomerPrincipal changePassword(CustomerPrincipal customer, String currentPassword, String newPassword, String clientAddress) {
        String accountKey = AuthThrottle.accountKey(customer.email());
        String addressKey = AuthThrottle.addressKey(clientAddress);
        throttle.checkOpen(accountKey, addressKey);
        if (!accounts.passwordMatches(customer.accountId(), currentPassword)) {
            throttle.count(accountKey, throttle.accountLimit());
            throttle.count(addressKey, throttle.addressLimit());
            throw new InvalidInputException("currentPassword", ProblemText.of("password.currentWrong"));
        }
        PasswordPolicy.check("newPassword", newPassword, customer.email());
        CustomerPrincipal changed = accounts.setPassword(customer.accountId(), accounts.hash(newPassword));
        tokens.revokeAll(customer.accountId());
        return changed;
    }

    private static String mailLanguage(String language) {
        return language == null ? "en" : language;
    }

    private void countRequest(String clientAddress) {
        String key = "requests:" + clientAddress;
        throttle.checkOpen(key);
        throttle.count(key, throttle.requestLimit());
    }

    /** At most a few account mails per address and hour, whoever asks: nobody can flood a mailbox through us. */
    private boolean mayMail(String email) {
        String key = "mail:" + email.strip().toLowerCase(java.util.Locale.ROOT);
        if (throttle.lockedUntil(key).isPresent()) {
            return false;
        }
        throttle.count(key, throttle.mailLimit());
        return true;
    }

    static final class InvalidLink extends ErrorResponseException {

        InvalidLink() {
            this(ProblemText.of("account.invalidLink"));
        }

        private InvalidLink(ProblemText detail) {
            super(HttpStatus.BAD_REQUEST, problem(HttpStatus.BAD_REQUEST, "Invalid link", detail.english()), null, detail.key(),
                    detail.args().toArray());
        }
    }

    static final class SignUpNotAllowed extends ErrorResponseException {

        SignUpNotAllowed(PortalAccountSettings.Signup signup) {
            this(signup, signup.mode() == PortalAccountSettings.SignupMode.CLOSED ? ProblemText.of("account.signUpClosed")
                    : ProblemText.of("account.signUpDomains", String.join(", ", signup.allowedDomains())));
        }

        private SignUpNotAllowed(PortalAccountSettings.Signup signup, ProblemText detail) {
            super(HttpStatus.FORBIDDEN, notAllowed(signup, detail), null, detail.key(), detail.args().toArray());
        }

        private static ProblemDetail notAllowed(PortalAccountSettings.Signup signup, ProblemText detail) {
            ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "Sign-up not allowed", detail.english());
            problem.setProperty("mode", signup.mode().name());
            return problem;
        }
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
