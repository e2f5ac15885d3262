package io.supportflow.portal;

import io.supportflow.customer.CustomerAccounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administrators set the portal's name and colours, and whether customers see their organization's tickets. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Portal administration", description = "Branding and sharing settings of the customer portal")
@SecurityRequirement(name = "basic")
class PortalAdminController {

    static final String HEX = "^#[0-9A-Fa-f]{6}$";

    record BrandingChange(
            @NotBlank @Size(max = 200) @Pattern(regexp = "^[^\\p{Cntrl}]*$", message = "must be a single line without control characters") String name,
            @NotNull @Pattern(regexp = HEX, message = "must be a colour like #2454a6") String primaryColor,
            @NotNull @Pattern(regexp = HEX, message = "must be a colour like #ffffff") String textColor) {
    }

    /** organizationTickets null: back to the configured default (supportflow.portal.organization-tickets). */
    record PortalOptions(Boolean organizationTickets) {
    }

    private final PortalTenant tenant;
    private final CustomerAccounts accounts;

    PortalAdminController(PortalTenant tenant, CustomerAccounts accounts) {
        this.tenant = tenant;
        this.accounts = accounts;
    }

    @GetMapping("/branding")
    PortalTenant.Branding branding() {
        return tenant.branding(accounts.tenant());
    }

    @PutMapping("/branding")
    @Operation(summary = "Set the portal's name, primary colour and text colour (#rrggbb)")
    PortalTenant.Branding brand(@Valid @RequestBody BrandingChange body) {
        tenant.brand(accounts.tenant(), new PortalTenant.Branding(body.name().strip(), body.primaryColor(), body.textColor()));
        return tenant.branding(accounts.tenant());
    }

    @GetMapping("/portal")
    PortalOptions options() {
        return new PortalOptions(tenant.organizationTickets(accounts.tenant()));
    }

    @PutMapping("/portal")
    @Operation(summary = "Whether customers of an organization see all of its tickets (null: the configured default)")
    PortalOptions setOptions(@RequestBody PortalOptions body) {
        tenant.organizationTickets(accounts.tenant(), body.organizationTickets());
        return options();
    }
}
