package io.supportflow.portal;

import io.supportflow.customer.CustomerPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/portal/v1/profile")
@Tag(name = "Portal profile", description = "The signed-in customer's name and preferred language")
class ProfileController {

    /** Send only what changes. */
    record ProfileChange(
            @Size(min = 1, max = 200) @Pattern(regexp = "^(?=.*\\S)[^\\p{Cntrl}]*$", message = "{supportflow.text.singleLineNotBlank}") String name,
            Profiles.Language preferredLanguage) {
    }

    private final Profiles profiles;

    ProfileController(Profiles profiles) {
        this.profiles = profiles;
    }

    @GetMapping
    Profiles.Profile get(@AuthenticationPrincipal CustomerPrincipal customer) {
        return profiles.get(customer);
    }

    @PatchMapping
    @Operation(summary = "Change my name and/or preferred language (en, fr)")
    Profiles.Profile change(@AuthenticationPrincipal CustomerPrincipal customer, @Valid @RequestBody ProfileChange body) {
        return profiles.change(customer, body.name() == null ? null : body.name().strip(), body.preferredLanguage());
    }
}
