package io.supportflow.customer;

import io.supportflow.common.InvalidInputException;
import io.supportflow.common.ProblemText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in customer's two-factor sign-in: enrol (QR code and otpauth:// URI), confirm with a first code
 * (ten recovery codes, shown once), new recovery codes, and turn it off with the password and a code.
 * Turning it on or off ends the account's other sessions and its API tokens.
 */
@RestController
@RequestMapping("/api/portal/v1/auth/two-factor")
@Tag(name = "Portal two-factor sign-in", description = "TOTP enrolment, recovery codes")
class PortalTwoFactorController {

    record Code(@NotBlank @Size(max = 20) String code) {
    }

    record PasswordAndCode(@NotNull @Size(max = 1000) String password, @NotBlank @Size(max = 20) String code) {
    }

    record RecoveryCodes(List<String> recoveryCodes) {
    }

    private final TwoFactor twoFactor;
    private final CustomerAccounts accounts;
    private final CustomerApiTokens tokens;
    private final PortalSessions sessions;
    private final AuthThrottle throttle;

    PortalTwoFactorController(TwoFactor twoFactor, CustomerAccounts accounts, CustomerApiTokens tokens, PortalSessions sessions,
            AuthThrottle throttle) {
        this.twoFactor = twoFactor;
        this.accounts = accounts;
        this.tokens = tokens;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    @GetMapping
    @Operation(summary = "Whether two-factor sign-in is on, and how many recovery codes are left")
    TwoFactor.Status status(@AuthenticationPrincipal CustomerPrincipal customer) {
        return twoFactor.status(customer.accountId());
    }

    @PostMapping("/enrolment")
    @Operation(summary = "Start enrolling an authenticator app: a new secret, its otpauth:// URI and QR code (SVG data URI)")
    ResponseEntity<TwoFactor.Enrolment> enrol(@AuthenticationPrincipal CustomerPrincipal customer) {
        if (twoFactor.status(customer.accountId()).enabled()) {
            throw new io.supportflow.common.ConflictException(ProblemText.of("twoFactor.alreadyOn"));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(twoFactor.startEnrolment(customer));
    }

    @PostMapping("/confirm")
    @Operation(summary = "Finish enrolling with the app's first code: two-factor sign-in is on; the ten recovery codes are shown once")
    RecoveryCodes confirm(@AuthenticationPrincipal CustomerPrincipal customer, @Valid @RequestBody Code body,
            HttpServletRequest request, HttpServletResponse response) {
        guard(customer, request);
        List<String> codes = twoFactor.confirmEnrolment(customer.accountId(), body.code()).orElseThrow(() -> {
            countFailure(customer, request);
            return new InvalidInputException("code", ProblemText.of("twoFactor.codeWrongOrNoEnrolment"));
        });
        endOtherSessions(customer, request, response);
        return new RecoveryCodes(codes);
    }

    @PostMapping("/recovery-codes")
    @Operation(summary = "Ten new recovery codes (the old ones stop working); needs a current code")
    RecoveryCodes newRecoveryCodes(@AuthenticationPrincipal CustomerPrincipal customer, @Valid @RequestBody Code body,
            HttpServletRequest request) {
        guard(customer, request);
        requireEnabled(customer);
        if (!twoFactor.verify(customer.accountId(), body.code())) {
            countFailure(customer, request);
            throw new InvalidInputException("code", ProblemText.of("twoFactor.codeWrong"));
        }
        return new RecoveryCodes(twoFactor.newRecoveryCodes(customer.accountId()));
    }

    @PostMapping("/disable")
    @Operation(summary = "Turn two-factor sign-in off: needs the password and a current code (or a recovery code)")
    ResponseEntity<Void> disable(@AuthenticationPrincipal CustomerPrincipal customer, @Valid @RequestBody PasswordAndCode body,
            HttpServletRequest request, HttpServletResponse response) {
        guard(customer, request);
        requireEnabled(customer);
        if (!accounts.passwordMatches(customer.accountId(), body.password())) {
            countFailure(customer, request);
            throw new InvalidInputException("password", ProblemText.of("twoFactor.passwordWrong"));
        }
        if (!twoFactor.verify(customer.accountId(), body.code())) {
            countFailure(customer, request);
            throw new InvalidInputException("code", ProblemText.of("twoFactor.codeWrong"));
        }
        twoFactor.disable(customer.accountId());
        endOtherSessions(customer, request, response);
        return ResponseEntity.noContent().build();
    }

    private void requireEnabled(CustomerPrincipal customer) {
        if (!twoFactor.status(customer.accountId()).enabled()) {
            throw new io.supportflow.common.ConflictException(ProblemText.of("twoFactor.off"));
        }
    }

    private void guard(CustomerPrincipal customer, HttpServletRequest request) {
        throttle.checkOpen(AuthThrottle.accountKey(customer.email()), AuthThrottle.addressKey(request.getRemoteAddr()));
    }

    private void countFailure(CustomerPrincipal customer, HttpServletRequest request) {
        throttle.count(AuthThrottle.accountKey(customer.email()), throttle.accountLimit());
        throttle.count(AuthThrottle.addressKey(request.getRemoteAddr()), throttle.addressLimit());
    }

    /** Sessions and tokens that were opened under the old rules end; this session goes on. */
    private void endOtherSessions(CustomerPrincipal customer, HttpServletRequest request, HttpServletResponse response) {
        tokens.revokeAll(customer.accountId());
        CustomerPrincipal bumped = accounts.bumpCredentials(customer.accountId());
        if (request.getHeader("Authorization") == null) {
            sessions.refresh(bumped, request, response);
        }
    }
}
