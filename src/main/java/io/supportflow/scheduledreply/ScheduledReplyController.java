package io.supportflow.scheduledreply;

import io.supportflow.identity.CurrentAgent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tickets/{number}/scheduled-replies")
@Validated
@Tag(name = "Scheduled replies", description = "Public replies sent at a chosen time, as the agent who scheduled them.")
@SecurityRequirement(name = "basic")
class ScheduledReplyController {

    static final String NUMBER_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$";

    record Schedule(@NotBlank @Size(max = 100_000) String body, @NotNull OffsetDateTime sendAt) {
    }

    record View(long id, String body, Instant sendAt, ScheduledReply.State state, String author, String failure,
                Long messageId, Instant createdAt, Instant updatedAt) {

        static View of(ScheduledReply r) {
            return new View(r.id(), r.body(), r.sendAt(), r.state(), r.authorName(), r.failure(), r.messageId(),
                    r.createdAt(), r.updatedAt());
        }
    }

    private final ScheduledReplies replies;
    private final CurrentAgent currentAgent;

    ScheduledReplyController(ScheduledReplies replies, CurrentAgent currentAgent) {
        this.replies = replies;
        this.currentAgent = currentAgent;
    }

    @PostMapping
    @Operation(summary = "Schedule a public reply, sent as you between one minute and one year from now")
    ResponseEntity<View> schedule(@PathVariable @Pattern(regexp = NUMBER_PATTERN) String number, @Valid @RequestBody Schedule body) {
        ScheduledReply reply = replies.schedule(number, body.body(), body.sendAt().toInstant(), currentAgent.get());
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + number + "/scheduled-replies/" + reply.id())).body(View.of(reply));
    }

    @GetMapping
    @Operation(summary = "The ticket's scheduled replies (scheduled, sent, cancelled, failed), by send time")
    List<View> list(@PathVariable @Pattern(regexp = NUMBER_PATTERN) String number) {
        return replies.list(number, currentAgent.get()).stream().map(View::of).toList();
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change the text and/or time of a reply not sent yet; the timer moves")
    View edit(@PathVariable @Pattern(regexp = NUMBER_PATTERN) String number, @PathVariable @Positive long id,
            @Valid @RequestBody Schedule body) {
        return View.of(replies.edit(number, id, body.body(), body.sendAt().toInstant(), currentAgent.get()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Cancel a reply not sent yet")
    void cancel(@PathVariable @Pattern(regexp = NUMBER_PATTERN) String number, @PathVariable @Positive long id) {
        replies.cancel(number, id, currentAgent.get());
    }
}
