package io.supportflow.portal;

import io.supportflow.customer.CustomerAccounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The portal's look, read by every page before anyone signs in. */
@RestController
@Tag(name = "Portal branding", description = "The tenant's name and colours for the customer portal")
class BrandingController {

    private final PortalTenant tenant;
    private final CustomerAccounts accounts;

    BrandingController(PortalTenant tenant, CustomerAccounts accounts) {
        this.tenant = tenant;
        this.accounts = accounts;
    }

    @GetMapping("/api/portal/v1/branding")
    @Operation(summary = "The tenant's name, primary colour and text colour (public)")
    ResponseEntity<PortalTenant.Branding> branding() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)))
                .body(tenant.branding(accounts.tenant()));
    }
}
