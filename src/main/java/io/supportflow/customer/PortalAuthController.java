package io.supportflow.customer;

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
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Customers sign in to the portal (a session for pages) or get a token (for API clients). */
@RestController
@RequestMapping("/api/portal/v1/auth")
@Tag(name = "Portal sign-in", description = "Customer sessions and API tokens")
class PortalAuthController {

    static final Duration TOKEN_VALIDITY = Duration.ofDays(30);

    record SignIn(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 200) String password) {
    }

    record TokenRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 200) String password,
            @Size(max = 100) String name) {
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
    private final SecurityContextRepository sessions;

    PortalAuthController(CustomerAccounts accounts, CustomerApiTokens tokens, SecurityContextRepository customerSessions) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.sessions = customerSessions;
    }

    @PostMapping("/sign-in")
    @Operation(summary = "Sign in with email and password: starts a portal session (cookie)")
    SignedIn signIn(@Valid @RequestBody SignIn body, HttpServletRequest request, HttpServletResponse response) {
        CustomerPrincipal customer = accounts.checkPassword(body.email().strip(), body.password())
                .orElseThrow(WrongCredentials::new);
        if (request.getSession(false) != null) {
            request.changeSessionId(); // no session fixation: whoever knew the old id knows nothing now
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new CustomerAuthentication(customer));
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
        return SignedIn.of(customer);
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
    @Operation(summary = "Who is signed in (401 when nobody)")
    SignedIn session() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof CustomerAuthentication signedIn) {
            return SignedIn.of(signedIn.getPrincipal());
        }
        throw new NotSignedIn();
    }

    @PostMapping("/tokens")
    @Operation(summary = "A bearer token for the portal API, valid 30 days; shown once")
    ResponseEntity<Token> token(@Valid @RequestBody TokenRequest body) {
        CustomerPrincipal customer = accounts.checkPassword(body.email().strip(), body.password())
                .orElseThrow(WrongCredentials::new);
        CustomerApiTokens.Issued issued = tokens.issue(customer.accountId(),
                body.name() == null || body.name().isBlank() ? "API token" : body.name().strip(), TOKEN_VALIDITY);
        return ResponseEntity.status(HttpStatus.CREATED).body(new Token(issued.token(), issued.expiresAt()));
    }

    /** Never says which of the two was wrong, nor whether the account exists. */
    static final class WrongCredentials extends ErrorResponseException {

        WrongCredentials() {
            super(HttpStatus.UNAUTHORIZED, problem("Email or password is wrong."), null);
        }
    }

    static final class NotSignedIn extends ErrorResponseException {

        NotSignedIn() {
            super(HttpStatus.UNAUTHORIZED, problem("Nobody is signed in."), null);
        }
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        problem.setTitle("Unauthorized");
        return problem;
    }
}
