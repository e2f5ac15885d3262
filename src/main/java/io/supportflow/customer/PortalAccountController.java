package io.supportflow.customer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Self-service accounts: sign-up, email verification, password reset, password change, and the OpenID
 * Connect providers a customer can sign in with. Sign-up and reset requests get the same answer whether
 * the address has an account or not.
 */
@RestController
@RequestMapping("/api/portal/v1/auth")
@Tag(name = "Portal accounts", description = "Sign-up, email verification, password reset, sign-in providers")
class PortalAccountController {

    /** Plain addresses only: no display names, quotes, brackets or spaces. */
    static final String EMAIL = "^[^@\\s<>()\\[\\],;:\"\\\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$";
    static final String NO_CONTROL_CHARACTERS = "^[^\\p{Cntrl}]*$";
    static final String LANGUAGE = "^(en|fr)$";

    record SignUp(@NotBlank @Size(max = 200) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "{supportflow.text.noControlCharacters}") String name,
            @NotBlank @Size(max = 254) @Pattern(regexp = EMAIL, message = "{supportflow.email}") String email,
            @NotNull @Size(max = 1000) String password,
            @Pattern(regexp = LANGUAGE, message = "{supportflow.language.enOrFr}") String language) {
    }

    record Token(@NotBlank @Size(max = 100) String token) {
    }

    record ResetRequest(@NotBlank @Size(max = 254) @Pattern(regexp = EMAIL, message = "{supportflow.email}") String email,
            @Pattern(regexp = LANGUAGE, message = "{supportflow.language.enOrFr}") String language) {
    }

    record Reset(@NotBlank @Size(max = 100) String token, @NotNull @Size(max = 1000) String password) {
    }

    record PasswordChange(@NotNull @Size(max = 1000) String currentPassword, @NotNull @Size(max = 1000) String newPassword) {
    }

    record Provider(String id, String name, String signInUrl) {
    }

    static final Map<String, String> REQUEST_ACCEPTED = Map.of("status", "MAIL_SENT_IF_POSSIBLE",
            "detail", "If this address can have an account, a mail with the next step is on its way.");

    private final AccountLifecycle lifecycle;
    private final PortalSessions sessions;
    private final PortalClientRegistrations providers;

    PortalAccountController(AccountLifecycle lifecycle, PortalSessions sessions, PortalClientRegistrations providers) {
        this.lifecycle = lifecycle;
        this.sessions = sessions;
        this.providers = providers;
    }

    @PostMapping("/sign-up")
    @Operation(summary = "Create an account: a verification link is mailed (the same answer, 202, whether the address has an account or not)")
    ResponseEntity<Map<String, String>> signUp(@Valid @RequestBody SignUp body, HttpServletRequest request) {
        lifecycle.signUp(body.name().strip(), body.email().strip(), body.password(), body.language(), request.getRemoteAddr());
        return ResponseEntity.accepted().body(REQUEST_ACCEPTED);
    }

    @PostMapping("/verify-email")
    @Operation(summary = "Confirm an address with the token of the mailed link (single use); then sign in")
    Map<String, String> verifyEmail(@Valid @RequestBody Token body) {
        CustomerPrincipal account = lifecycle.verifyEmail(body.token());
        return Map.of("status", "VERIFIED", "email", account.email());
    }

    @PostMapping("/password-reset")
    @Operation(summary = "Mail a password-reset link (the same answer, 202, whether the address has an account or not)")
    ResponseEntity<Map<String, String>> requestReset(@Valid @RequestBody ResetRequest body, HttpServletRequest request) {
        lifecycle.requestReset(body.email().strip(), language(body.language()), request.getRemoteAddr());
        return ResponseEntity.accepted().body(REQUEST_ACCEPTED);
    }

    @PostMapping("/password-reset/confirm")
    @Operation(summary = "Set a new password with the token of the mailed link: ends every session and API token of the account")
    Map<String, String> reset(@Valid @RequestBody Reset body) {
        CustomerPrincipal account = lifecycle.resetPassword(body.token(), body.password());
        return Map.of("status", "PASSWORD_CHANGED", "email", account.email());
    }

    @PostMapping("/password")
    @Operation(summary = "Change the signed-in customer's password: other sessions and every API token end")
    ResponseEntity<Void> changePassword(@AuthenticationPrincipal CustomerPrincipal customer, @Valid @RequestBody PasswordChange body,
            HttpServletRequest request, HttpServletResponse response) {
        CustomerPrincipal changed = lifecycle.changePassword(customer, body.currentPassword(), body.newPassword(), request.getRemoteAddr());
        sessions.refresh(changed, request, response);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/providers")
    @Operation(summary = "OpenID Connect providers to sign in with (none unless configured)")
    List<Provider> providers() {
        return providers.oidcProviders().stream()
                .map(r -> new Provider(r.getRegistrationId(), r.getClientName(), "/oauth2/authorization/" + r.getRegistrationId()))
                .toList();
    }

    private static String language(String requested) {
        return requested == null ? "en" : requested;
    }
}
