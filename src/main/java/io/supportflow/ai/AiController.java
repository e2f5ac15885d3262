package io.supportflow.ai;

import io.supportflow.identity.CurrentAgent;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tickets/{number}/ai")
@Validated
@Tag(name = "AI assistance", description = "Insights, reply suggestion, rewrite and summary for a ticket you can see. "
        + "Without a configured model the offline provider answers (deterministic rules, extractive answers).")
@SecurityRequirement(name = "basic")
class AiController {

    static final String NUMBER_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$";
    static final String STYLE_PATTERN = "^(shorter|friendlier|formal|grammar|translate:[a-z]{2}(-[A-Z]{2})?)$";

    record Rewrite(@NotBlank @Size(max = 10_000) String draft,
                   @NotNull @Pattern(regexp = STYLE_PATTERN,
                           message = "is one of shorter, friendlier, formal, grammar, translate:<language code>") String style) {
    }

    private final TicketService tickets;
    private final CurrentAgent currentAgent;
    private final AgentAssist assist;

    AiController(TicketService tickets, CurrentAgent currentAgent, AgentAssist assist) {
        this.tickets = tickets;
        this.currentAgent = currentAgent;
        this.assist = assist;
    }

    @GetMapping("/insights")
    @Operation(summary = "The ticket's AI classification (and whether it was applied), its sentiment trend, and recent drafts")
    AgentAssist.Insights insights(@PathVariable @Pattern(regexp = NUMBER_PATTERN) String number) {
        return assist.insights(visible(number));
    }

    @PostMapping("/reply-suggestion")
    @Operation(summary = "A reply to send (after review), grounded in the public conversation, the macros' public replies and published public articles, citing them")
    AgentAssist.Suggestion replySuggestion(@PathVariable @Pattern(regexp = NUMBER_PATTERN) String number) {
        return assist.suggestReply(visible(number), currentAgent.get().displayName());
    }

    @PostMapping("/rewrite")
    @Operation(summary = "Your draft rewritten: shorter, friendlier, formal, grammar, or translate:<language code>")
    AgentAssist.Rewritten rewrite(@PathVariable @Pattern(regexp = NUMBER_PATTERN) String number, @Valid @RequestBody Rewrite body) {
        return assist.rewrite(visible(number), body.draft(), body.style());
    }

    @GetMapping("/summary")
    @Operation(summary = "A summary of the ticket for agents (internal notes included), cached until the next message")
    AgentAssist.Summary summary(@PathVariable @Pattern(regexp = NUMBER_PATTERN) String number) {
        return assist.summary(visible(number));
    }

    private Ticket visible(String number) {
        return tickets.get(number, currentAgent.get());
    }
}
