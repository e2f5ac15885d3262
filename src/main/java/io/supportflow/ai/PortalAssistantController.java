package io.supportflow.ai;

import io.supportflow.customer.CustomerPrincipal;
import io.supportflow.ticket.Ticket;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The customer portal's assistant (signed-in customers; the portal's security chain guards /api/portal/**). */
@RestController
@RequestMapping("/api/portal/v1/assistant")
@Validated
@Tag(name = "Help-centre assistant (customers)", description = "Answers from published public articles only, citing them; "
        + "offers to open a ticket with the conversation attached")
class PortalAssistantController {

    static final String TEXT = "^[^\\p{Cntrl}&&[^\\n\\r\\t]]*$";

    record Question(@NotBlank @Size(max = 2000) @Pattern(regexp = TEXT, message = "must not contain control characters") String question) {
    }

    record Exchange(@NotBlank @Size(max = 2000) @Pattern(regexp = TEXT) String question,
                    @Size(max = 5000) @Pattern(regexp = TEXT) String answer) {
    }

    record NewTicket(@NotBlank @Size(max = 200) @Pattern(regexp = "^[^\\p{Cntrl}<>]*$", message = "must not contain control characters or angle brackets") String subject,
                     @Size(max = 10_000) @Pattern(regexp = TEXT) String message,
                     @NotNull @Size(max = 20) List<@NotNull @Valid Exchange> conversation) {
    }

    record Created(String number, String subject, String status) {
    }

    private final PortalAssistant assistant;

    PortalAssistantController(PortalAssistant assistant) {
        this.assistant = assistant;
    }

    @PostMapping
    @Operation(summary = "Ask the assistant; the answer cites the articles it comes from, or offers a ticket")
    PortalAssistant.Answer ask(@AuthenticationPrincipal CustomerPrincipal customer, @Valid @RequestBody Question body) {
        return assistant.ask(body.question().strip());
    }

    @PostMapping("/tickets")
    @Operation(summary = "Open a ticket with the conversation with the assistant attached")
    ResponseEntity<Created> createTicket(@AuthenticationPrincipal CustomerPrincipal customer, @Valid @RequestBody NewTicket body) {
        Ticket ticket = assistant.createTicket(customer, body.subject(), body.message(),
                body.conversation().stream().map(e -> new PortalAssistant.Exchange(e.question(), e.answer())).toList());
        return ResponseEntity.status(org.springframework.http.HttpStatus.CREATED).body(new Created(ticket.getNumber(), ticket.getSubject(), ticket.getStatus().name()));
    }
}
