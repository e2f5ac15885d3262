package io.supportflow.portal;

import io.supportflow.common.InvalidInputException;
import io.supportflow.customer.CustomerPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** "This solved my problem" from the portal, and the deflection rate for agents. */
@RestController
@Tag(name = "Deflection", description = "Suggested help-centre articles that solved a customer's problem before a ticket")
class DeflectionController {

    record Solved(@NotBlank @Size(max = 120) @Pattern(regexp = "[a-z0-9]+(?:-[a-z0-9]+)*") String articleSlug,
                  @NotNull @Size(max = Deflections.MAX_QUERY) String query) {
    }

    private final Deflections deflections;
    private final io.supportflow.customer.CustomerAccounts accounts;

    DeflectionController(Deflections deflections, io.supportflow.customer.CustomerAccounts accounts) {
        this.deflections = deflections;
        this.accounts = accounts;
    }

    @PostMapping("/api/portal/v1/deflections")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Record that a suggested article solved my problem (no ticket is created)")
    void solved(@AuthenticationPrincipal CustomerPrincipal customer, @Valid @RequestBody Solved body) {
        deflections.solved(customer.tenantId(), customer.customerId(), body.articleSlug(), PortalText.noNul("query", body.query().strip()));
    }

    @GetMapping("/api/v1/kb/deflection")
    @SecurityRequirement(name = "basic")
    @Operation(summary = "Deflection rate between two days (UTC, both included; default the last 30 days): "
            + "solved / (solved + tickets created after seeing suggestions)")
    Deflections.Report report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate last = to != null ? to : LocalDate.now(ZoneOffset.UTC);
        LocalDate first = from != null ? from : last.minusDays(29);
        if (first.isAfter(last)) {
            throw new InvalidInputException("from", "from is on or before to.");
        }
        if (ChronoUnit.DAYS.between(first, last) > 366) {
            throw new InvalidInputException("to", "At most 366 days at once.");
        }
        return deflections.report(accounts.tenant(), first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
