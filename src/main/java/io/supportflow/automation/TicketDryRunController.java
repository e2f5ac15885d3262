package io.supportflow.automation;

import io.supportflow.automation.AutomationApi.DryRunView;
import io.supportflow.identity.Agent;
import io.supportflow.identity.CurrentAgent;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The dry run of issue #5: a real ticket (by number) and an event; which rules match and what they would do. */
@RestController
@Tag(name = "Automation rules")
@SecurityRequirement(name = "basic")
class TicketDryRunController {

    /** The ticket by its number, the event, and for MESSAGE_ADDED the message. */
    record TicketDryRunBody(@NotNull @Pattern(regexp = "[A-Za-z0-9-]{1,40}") String ticket,
            @NotNull AutomationTrigger trigger, MessageFacts message) {
    }

    private final AutomationEngine engine;
    private final TicketService tickets;
    private final TicketFactsSource facts;
    private final CurrentAgent currentAgent;

    TicketDryRunController(AutomationEngine engine, TicketService tickets, TicketFactsSource facts, CurrentAgent currentAgent) {
        this.engine = engine;
        this.tickets = tickets;
        this.facts = facts;
        this.currentAgent = currentAgent;
    }

    @PostMapping("/api/v1/automations/dry-run")
    @Operation(summary = "Admins: which rules would match this ticket and event, and what they would do; changes nothing")
    DryRunView dryRun(@RequestBody @Valid TicketDryRunBody body) {
        Agent agent = currentAgent.get();
        if (!agent.admin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only administrators run automation dry runs.");
        }
        Ticket ticket = tickets.get(body.ticket(), agent);
        AutomationEngine.Evaluation result = engine.dryRun(facts.of(ticket), AutomationEvent.message(body.trigger(), body.message()));
        return new DryRunView(result.generation(), result.matchedRules(), result.actions());
    }
}
