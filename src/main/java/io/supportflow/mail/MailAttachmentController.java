package io.supportflow.mail;

import io.supportflow.common.NotFoundException;
import io.supportflow.identity.CurrentAgent;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Attachments of a ticket's mail, for the agents who may see the ticket (its team, its assignee,
 * administrators). Every file is served as a download, never rendered by the browser: HTML, SVG and
 * anything else active goes out as application/octet-stream with nosniff and a sandboxing CSP.
 */
@RestController
@RequestMapping("/api/v1/tickets/{number}/attachments")
@Validated
@Tag(name = "Attachments", description = "Files that came with the ticket's email")
@SecurityRequirement(name = "basic")
class MailAttachmentController {

    static final String NUMBER_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$";
    /** Types that no browser executes; everything else is sent as opaque bytes. */
    static final Set<String> PASSIVE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain");

    record AttachmentView(long id, String fileName, String contentType, long size, boolean inline, Long messageId, Instant createdAt) {
    }

    private final TicketService tickets;
    private final MailAttachments attachments;
    private final CurrentAgent currentAgent;

    MailAttachmentController(TicketService tickets, MailAttachments attachments, CurrentAgent currentAgent) {
        this.tickets = tickets;
        this.attachments = attachments;
        this.currentAgent = currentAgent;
    }

    @GetMapping
    @Operation(summary = "The attachments of the ticket's mail, oldest first; the content type is detected from the bytes")
    List<AttachmentView> list(@PathVariable @Pattern(regexp = NUMBER_PATTERN) String number) {
        Ticket ticket = tickets.get(number, currentAgent.get());
        return attachments.ofTicket(ticket.getId()).stream().map(a -> new AttachmentView(a.id(), a.fileName(), a.contentType(),
                a.size(), a.inline(), a.ticketMessageId(), a.createdAt())).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Download one attachment (always as a download, Content-Disposition: attachment)")
    ResponseEntity<InputStreamResource> download(@PathVariable @Pattern(regexp = NUMBER_PATTERN) String number,
            @PathVariable long id) throws IOException {
        Ticket ticket = tickets.get(number, currentAgent.get());
        MailAttachments.Stored attachment = attachments.find(ticket.getId(), id)
                .orElseThrow(() -> new NotFoundException("No attachment with this id on this ticket."));
        MediaType type = PASSIVE_TYPES.contains(attachment.contentType())
                ? MediaType.parseMediaType(attachment.contentType()) : MediaType.APPLICATION_OCTET_STREAM;
        return ResponseEntity.ok()
                .contentType(type)
                .contentLength(attachment.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(attachment.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(new InputStreamResource(attachments.open(attachment)));
    }
}
