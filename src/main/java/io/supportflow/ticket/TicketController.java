package io.supportflow.ticket;

import io.supportflow.identity.CurrentAgent;
import io.supportflow.ticket.TicketApi.ActivityView;
import io.supportflow.ticket.TicketApi.Counts;
import io.supportflow.ticket.TicketApi.CreateMessage;
import io.supportflow.ticket.TicketApi.CreateTicket;
import io.supportflow.ticket.TicketApi.Merge;
import io.supportflow.ticket.TicketApi.MessageView;
import io.supportflow.ticket.TicketApi.Page;
import io.supportflow.ticket.TicketApi.Snooze;
import io.supportflow.ticket.TicketApi.TicketView;
import io.supportflow.ticket.TicketApi.UpdateTicket;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tickets")
@Validated
@Tag(name = "Tickets", description = "Agents' ticket API. Identify tickets by number; errors are RFC 7807 problem details.")
@SecurityRequirement(name = "basic")
class TicketController {

    private final ServiceLevels serviceLevels;
    private final TicketService service;
    private final TicketQueries queries;
    private final Conversation conversation;
    private final ActivityLog activity;
    private final CurrentAgent currentAgent;
    private final MessageFiles files;

    TicketController(TicketService service, TicketQueries queries, Conversation conversation, ActivityLog activity,
            CurrentAgent currentAgent, org.springframework.beans.factory.ObjectProvider<ServiceLevels> serviceLevels,
            org.springframework.beans.factory.ObjectProvider<MessageFiles> files) {
        this.serviceLevels = serviceLevels.getIfAvailable(() -> ServiceLevels.NONE);
        this.files = files.getIfAvailable(() -> MessageFiles.NONE);
        this.service = service;
        this.queries = queries;
        this.conversation = conversation;
        this.activity = activity;
        this.currentAgent = currentAgent;
    }

    @PostMapping
    @Operation(summary = "Create a ticket; it is routed to a team and waits in that team's queue")
    ResponseEntity<TicketView> create(@Valid @RequestBody CreateTicket body) {
        Ticket ticket = service.create(new TicketCommands.NewTicket(body.subject(), body.description(),
                orText(body.descriptionFormat()), body.requester().name(), body.requester().email(),
                body.priority() == null ? Priority.MEDIUM : body.priority(), body.category(),
                body.tags() == null ? List.of() : body.tags(),
                body.customFields() == null ? java.util.Map.of() : body.customFields(),
                body.channel() == null ? Channel.API : body.channel(), body.language()), TicketService.actor(currentAgent.get()));
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + ticket.getNumber())).body(committed(ticket));
    }

    @GetMapping
    @Operation(summary = "List tickets visible to you, filtered and sorted, one page at a time (follow nextCursor)")
    Page<TicketView> list(
            @RequestParam(required = false) @Size(max = 8) List<TicketStatus> status,
            @RequestParam(required = false) @Size(max = 5) List<Priority> priority,
            @RequestParam(required = false) @Pattern(regexp = TicketApi.IDENTIFIER_PATTERN) String team,
            @RequestParam(required = false) @Pattern(regexp = TicketApi.IDENTIFIER_PATTERN) String assignee,
            @RequestParam(required = false) @Size(max = 50) @Pattern(regexp = TicketApi.NO_CONTROL_CHARACTERS) String tag,
            @RequestParam(required = false) @Size(max = 200) @Pattern(regexp = TicketApi.NO_CONTROL_CHARACTERS) String q,
            @RequestParam(required = false) Boolean snoozed,
            @RequestParam(defaultValue = "-created") String sort,
            @RequestParam(defaultValue = "25") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        if ((status != null && status.contains(null)) || (priority != null && priority.contains(null))) {
            throw new io.supportflow.common.InvalidInputException(status != null && status.contains(null) ? "status" : "priority",
                    "Empty values are not allowed in a list filter.");
        }
        TicketQueries.Result result = queries.list(new TicketQueries.Filter(status, priority, team, assignee, tag, q,
                snoozed, TicketQueries.Sort.parse(sort), limit, cursor), currentAgent.get());
        return new Page<>(result.tickets().stream().map(t -> TicketView.of(t, null, null)).toList(), result.nextCursor());
    }

    @GetMapping("/counts")
    @Operation(summary = "Count badges: how many of the tickets visible to you (optionally of one team) are in each open status")
    Counts counts(@RequestParam(required = false) @Pattern(regexp = TicketApi.IDENTIFIER_PATTERN) String team) {
        Map<TicketStatus, Long> byStatus = queries.counts(team, currentAgent.get());
        return new Counts(team, byStatus, byStatus.values().stream().mapToLong(Long::longValue).sum());
    }

    @GetMapping("/{number}")
    TicketView get(@PathVariable @Pattern(regexp = TicketApi.NUMBER_PATTERN) String number) {
        return view(service.get(number, currentAgent.get()));
    }

    @PatchMapping("/{number}")
    @Operation(summary = "Change fields; a status change the workflow does not allow is a 409 with the reason")
    TicketView update(@PathVariable @Pattern(regexp = TicketApi.NUMBER_PATTERN) String number,
            @Valid @RequestBody UpdateTicket body) {
        return committed(service.update(number, new TicketCommands.Changes(body.priority, body.category, body.tags,
                body.team, body.assignee, body.assigneeGiven, body.status, body.customFields, body.language), currentAgent.get()));
    }

    @PostMapping("/{number}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Reply, add an internal note, or record a message from the customer")
    List<MessageView> addMessage(@PathVariable @Pattern(regexp = TicketApi.NUMBER_PATTERN) String number,
            @Valid @RequestBody CreateMessage body) {
        service.addMessage(number, new TicketCommands.NewMessage(body.body(), orText(body.format()),
                Boolean.TRUE.equals(body.internal()), body.status(),
                body.authorType() == null ? Actor.Type.AGENT : body.authorType()), currentAgent.get());
        return messages(number);
    }

    @GetMapping("/{number}/messages")
    @Operation(summary = "The conversation, including tickets merged into this one, oldest first, each message with its files")
    List<MessageView> messages(@PathVariable @Pattern(regexp = TicketApi.NUMBER_PATTERN) String number) {
        Ticket ticket = service.get(number, currentAgent.get());
        List<Long> ticketIds = service.withMerged(ticket);
        Map<Long, List<MessageFiles.File>> byMessage = files.byMessage(ticketIds);
        return conversation.list(ticketIds, true).stream()
                .map(m -> MessageView.of(m, byMessage.getOrDefault(m.id(), List.of()))).toList();
    }

    @GetMapping("/{number}/activity")
    @Operation(summary = "Every change to the ticket (and to tickets merged into it): who, what, before, after, when")
    List<ActivityView> activity(@PathVariable @Pattern(regexp = TicketApi.NUMBER_PATTERN) String number) {
        Ticket ticket = service.get(number, currentAgent.get());
        return activity.list(service.withMerged(ticket)).stream().map(ActivityView::of).toList();
    }

    @PostMapping("/{number}/snooze")
    @Operation(summary = "Take the ticket out of the queue until a time; it comes back earlier when the customer writes")
    TicketView snooze(@PathVariable @Pattern(regexp = TicketApi.NUMBER_PATTERN) String number, @Valid @RequestBody Snooze body) {
        return committed(service.snooze(number, body.until().toInstant(), currentAgent.get()));
    }

    @DeleteMapping("/{number}/snooze")
    @Operation(summary = "Wake a snoozed ticket now")
    TicketView wake(@PathVariable @Pattern(regexp = TicketApi.NUMBER_PATTERN) String number) {
        return committed(service.wake(number, currentAgent.get()));
    }

    @PostMapping("/{number}/merge")
    @Operation(summary = "Merge this ticket into another: its messages and history show there, and it is closed")
    TicketView merge(@PathVariable @Pattern(regexp = TicketApi.NUMBER_PATTERN) String number, @Valid @RequestBody Merge body) {
        return committed(service.merge(number, body.into(), currentAgent.get()));
    }

    @PostMapping("/{number}/split")
    @Operation(summary = "Move chosen messages (never the first one, the description) into a new ticket linked to this one")
    ResponseEntity<TicketView> split(@PathVariable @Pattern(regexp = TicketApi.NUMBER_PATTERN) String number,
            @Valid @RequestBody TicketApi.Split body) {
        Ticket split = service.split(number, body.messageIds(), body.subject(), currentAgent.get());
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + split.getNumber())).body(committed(split));
    }

    /**
     * The ticket as it was committed: automation rules run just before the commit (and may have tagged,
     * assigned or replied), so the answer shows their result rather than the state the service returned.
     */
    private TicketView committed(Ticket ticket) {
        return view(service.findById(ticket.getId()).orElse(ticket));
    }

    private TicketView view(Ticket ticket) {
        return TicketView.of(ticket, service.numberOf(ticket.getMergedIntoId()).orElse(null), serviceLevels.clocks(ticket.getId()));
    }

    private static MessageBody.Format orText(MessageBody.Format format) {
        return format == null ? MessageBody.Format.TEXT : format;
    }
}
