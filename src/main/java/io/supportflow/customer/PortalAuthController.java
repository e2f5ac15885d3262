package io.supportflow.customer;

import io.supportflow.common.ProblemText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customers sign in to the portal (a session for pages) or get a token (for API clients). With two-factor
 * sign-in on, the password alone only opens the second-factor step: the session holds a pending marker, no
 * customer, until the code is right; a token needs the code in the same request. Attempts are throttled per
 * account and per client address ({@link AuthThrottle}).
 */
@RestController
@RequestMapping("/api/portal/v1/auth")
@Tag(name = "Portal sign-in", description = "Customer sessions and API tokens")
class PortalAuthController {

    static final Duration TOKEN_VALIDITY = Duration.ofDays(30);

    record SignIn(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 200) String password) {
    }

    record SecondFactor(@NotBlank @Size(max = 20) String code) {
    }

    record TokenRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 200) String password,
            @Size(max = 100) String name, @Size(max = 20) String code) {
    }

    record SignedIn(long customerId, String name, String email) {

        static SignedIn of(CustomerPrincipal customer) {
            return new SignedIn(customer.customerId(), customer.name(), customer.email());
        }
    }

    record Token(String token, Instant expiresAt) {
    }

    private final CustomerAccounts accounts;
    private final CustomerApiTokens tokens;
    private final PortalSessions sessions;
    private final TwoFactor twoFactor;
    private final AuthThrottle throttle;

    PortalAuthController(CustomerAccounts accounts, CustomerApiTokens tokens, PortalSessions sessions, TwoFactor twoFactor,
            AuthThrottle throttle) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.sessions = sessions;
        this.twoFactor = twoFactor;
        this.throttle = throttle;
    }

    @PostMapping("/sign-in")
    @Operation(summary = "Sign in with email and password: starts a portal session (cookie), or answers 202 "
            + "{secondFactorRequired: true} when the account has two-factor sign-in on")
    ResponseEntity<?> signIn(@Valid @RequestBody SignIn body, HttpServletRequest request, HttpServletResponse response) {
        CustomerAccounts.Account account = firstFactor(body.email(), body.password(), request);
        if (account.twoFactorEnabled()) {
            sessions.awaitSecondFactor(account.principal(), request, response);
            return ResponseEntity.accepted().body(Map.of("secondFactorRequired", true));
        }
        throttle.forget(AuthThrottle.accountKey(account.principal().email()));
        sessions.signIn(account.principal(), request, response);
        return ResponseEntity.ok(SignedIn.of(account.principal()));
    }

    @PostMapping("/sign-in/second-factor")
    @Operation(summary = "The second step of a sign-in: a code from the authenticator app, or a recovery code")
    SignedIn secondFactor(@Valid @RequestBody SecondFactor body, HttpServletRequest request, HttpServletResponse response) {
        PortalSessions.Pending pending = sessions.pending(request).orElseThrow(
                () -> new Unauthorized(ProblemText.of("auth.secondStepExpired")));
        CustomerAccounts.Account account = accounts.account(pending.accountId())
                .filter(a -> a.principal().credentialsVersion() == pending.credentialsVersion())
                .orElseThrow(() -> new Unauthorized(ProblemText.of("auth.signInFirst")));
        String accountKey = AuthThrottle.accountKey(account.principal().email());
        String addressKey = AuthThrottle.addressKey(request.getRemoteAddr());
        throttle.checkOpen(accountKey, addressKey);
        if (!twoFactor.verify(account.id(), body.code())) {
            throttle.count(accountKey, throttle.accountLimit());
            throttle.count(addressKey, throttle.addressLimit());
            throw new Unauthorized(ProblemText.of("auth.codeWrong"));
        }
        throttle.forget(accountKey);
        sessions.signIn(account.principal(), request, response);
        return SignedIn.of(account.principal());
    }

    @PostMapping("/sign-out")
    ResponseEntity<Void> signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/session")
    @Operation(summary = "Who is signed in (401 when nobody; with secondFactorRequired while a sign-in waits for its code)")
    SignedIn session(HttpServletRequest request) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof CustomerAuthentication signedIn) {
            return SignedIn.of(signedIn.getPrincipal());
        }
        if (sessions.pending(request).isPresent()) {
            throw new Unauthorized(ProblemText.of("auth.enterCode"), true);
        }
        throw new NotSignedIn();
    }

    @PostMapping("/tokens")
    @Operation(summary = "A bearer token for the portal API, valid 30 days; shown once. With two-factor sign-in on, "
            + "send the current code (or a recovery code) as 'code'")
    ResponseEntity<Token> token(@Valid @RequestBody TokenRequest body, HttpServletRequest request) {
        CustomerAccounts.Account account = firstFactor(body.email(), body.password(), request);
        String accountKey = AuthThrottle.accountKey(account.principal().email());
        if (account.twoFactorEnabled()) {
            if (body.code() == null || body.code().isBlank()) {
                throw new Unauthorized(ProblemText.of("auth.tokenNeedsCode"), true);
            }
            if (!twoFactor.verify(account.id(), body.code())) {
                throttle.count(accountKey, throttle.accountLimit());
                throttle.count(AuthThrottle.addressKey(request.getRemoteAddr()), throttle.addressLimit());
                throw new Unauthorized(ProblemText.of("auth.codeWrong"), true);
            }
        }
        throttle.forget(accountKey);
        CustomerApiTokens.Issued issued = tokens.issue(account.id(),
                body.name() == null || body.name().isBlank() ? "API token" : body.name().strip(), TOKEN_VALIDITY);
        return ResponseEntity.status(HttpStatus.CREATED).body(new Token(issued.token(), issued.expiresAt()));
    }

    /** Throttled password check; a verified address is required. */
    private CustomerAccounts.Account firstFactor(String rawEmail, String password, HttpServletRequest request) {
        String email = rawEmail.strip();
        String accountKey = AuthThrottle.accountKey(email);
        String addressKey = AuthThrottle.addressKey(request.getRemoteAddr());
        throttle.checkOpen(accountKey, addressKey);
        CustomerAccounts.Account account = accounts.authenticate(email, password).orElse(null);
        if (account == null) {
            throttle.count(accountKey, throttle.accountLimit());
            throttle.count(addressKey, throttle.addressLimit());
            throw new WrongCredentials();
        }
        if (!account.emailVerified()) {
            throw new EmailNotVerified();
        }
        return account;
    }

    /** Never says which of the two was wrong, nor whether the account exists. */
    static final class WrongCredentials extends ErrorResponseException {

        WrongCredentials() {
            this(ProblemText.of("auth.wrongCredentials"));
        }

        private WrongCredentials(ProblemText detail) {
            super(HttpStatus.UNAUTHORIZED, problem(detail.english()), null, detail.key(), null);
        }
    }

    static final class NotSignedIn extends ErrorResponseException {

        NotSignedIn() {
            this(ProblemText.of("auth.nobodySignedIn"));
        }

        private NotSignedIn(ProblemText detail) {
            super(HttpStatus.UNAUTHORIZED, problem(detail.english()), null, detail.key(), null);
        }
    }

    static final class Unauthorized extends ErrorResponseException {

        Unauthorized(ProblemText detail) {
            this(detail, false);
        }

        Unauthorized(ProblemText detail, boolean secondFactorRequired) {
            super(HttpStatus.UNAUTHORIZED, withFlag(problem(detail.english()), secondFactorRequired), null, detail.key(),
                    detail.args().toArray());
        }

        private static ProblemDetail withFlag(ProblemDetail problem, boolean secondFactorRequired) {
            if (secondFactorRequired) {
                problem.setProperty("secondFactorRequired", true);
            }
            return problem;
        }
    }

    /** Only someone who knows the password learns this. */
    static final class EmailNotVerified extends ErrorResponseException {

        EmailNotVerified() {
            super(HttpStatus.FORBIDDEN, notVerified(), null, NOT_VERIFIED.key(), null);
        }

        private static final ProblemText NOT_VERIFIED = ProblemText.of("auth.emailNotVerified");

        private static ProblemDetail notVerified() {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, NOT_VERIFIED.english());
            problem.setTitle("Email not verified");
            problem.setProperty("emailNotVerified", true);
            return problem;
        }
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        problem.setTitle("Unauthorized");
        return problem;
    }
}
