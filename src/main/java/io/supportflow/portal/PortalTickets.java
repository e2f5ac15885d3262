package io.supportflow.portal;

import io.supportflow.common.ConflictException;
import io.supportflow.common.NotFoundException;
import io.supportflow.common.ProblemText;
import io.supportflow.common.Uploads;
import io.supportflow.customer.CustomerPrincipal;
import io.supportflow.mail.TicketAttachments;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.Channel;
import io.supportflow.ticket.MessageBody;
import io.supportflow.ticket.Priority;
import io.supportflow.ticket.RequesterTickets;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketCommands.NewMessage;
import io.supportflow.ticket.TicketCommands.NewTicket;
import io.supportflow.ticket.TicketService;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a customer does with their tickets. Every lookup is scoped to the customer (and, when the tenant shares
 * them, their organization): another customer's ticket is "not found", exactly like one that does not exist.
 * A customer's reply goes through {@link TicketService#addMessageById} as a CUSTOMER message, the same path as a
 * reply by email, so it reaches the ticket's process the same way.
 */
@Service
@Transactional
class PortalTickets {

    record NewRequest(String subject, String description, String category, Map<String, Object> customFields,
                      List<String> suggestedArticles, String suggestionQuery, String language) {
    }

    record AttachmentView(long id, String fileName, String contentType, long size) {
    }

    /** fromMe: written by the signed-in customer (by email or in the portal). */
    record MessageView(long id, String authorType, String authorName, boolean fromMe, String html, String text, Instant at,
                       List<AttachmentView> attachments) {
    }

    record TicketSummary(String number, String subject, String status, String category, String requesterName, boolean mine,
                         Instant createdAt, Instant lastActivityAt) {
    }

    record TicketDetail(String number, String subject, String status, String category, String requesterName, boolean mine,
                        Instant createdAt, Instant lastActivityAt, Map<String, Object> customFields, boolean canReply,
                        List<MessageView> messages) {
    }

    record TicketPage(List<TicketSummary> tickets, String nextCursor) {
    }

    private final RequesterTickets requesterTickets;
    private final TicketService tickets;
    private final TicketAttachments attachments;
    private final PortalTenant tenant;
    private final Profiles profiles;
    private final Deflections deflections;

    PortalTickets(RequesterTickets requesterTickets, TicketService tickets, TicketAttachments attachments, PortalTenant tenant,
            Profiles profiles, Deflections deflections) {
        this.requesterTickets = requesterTickets;
        this.tickets = tickets;
        this.attachments = attachments;
        this.tenant = tenant;
        this.profiles = profiles;
        this.deflections = deflections;
    }

    @Transactional(readOnly = true)
    TicketPage list(CustomerPrincipal customer, RequesterTickets.StatusFilter status, String q, int limit, String cursor) {
        RequesterTickets.Page page = requesterTickets.list(scope(customer), status, q, limit, cursor);
        return new TicketPage(page.tickets().stream().map(PortalTickets::summary).toList(), page.nextCursor());
    }

    @Transactional(readOnly = true)
    RequesterTickets.Form form(CustomerPrincipal customer) {
        return requesterTickets.form(customer.tenantId());
    }

    @Transactional(readOnly = true)
    TicketDetail detail(CustomerPrincipal customer, String number) {
        return detail(visible(customer, number), customer);
    }

    TicketDetail create(CustomerPrincipal customer, NewRequest request, List<Uploads.File> uploads) {
        Profiles.Profile profile = profiles.get(customer);
        Ticket ticket = tickets.create(new NewTicket(request.subject().strip(), request.description(), MessageBody.Format.TEXT,
                profile.name(), profile.email(), Priority.MEDIUM, request.category(), List.of(),
                request.customFields() == null ? Map.of() : request.customFields(), Channel.PORTAL, request.language()),
                Actor.customer(profile.email(), profile.name()));
        for (Uploads.File upload : uploads) {
            attachments.store(ticket.getId(), null, upload.name(), upload.bytes());
        }
        if (request.suggestedArticles() != null && !request.suggestedArticles().isEmpty()) {
            deflections.ticketCreated(customer.tenantId(), customer.customerId(), request.suggestedArticles(),
                    request.suggestionQuery(), ticket.getId());
        }
        return detail(requesterTickets.find(scope(customer), ticket.getNumber()).orElseThrow(), customer);
    }

    TicketDetail reply(CustomerPrincipal customer, String number, String body, List<Uploads.File> uploads) {
        RequesterTickets.Detail ticket = visible(customer, number);
        if (ticket.summary().status().ended()) {
            // said here rather than by the ticket service, in words (and a language) the customer reads
            throw new ConflictException(ProblemText.of("portal.ticket.ended", ticket.summary().status()));
        }
        Profiles.Profile profile = profiles.get(customer);
        long messageId = tickets.addMessageById(ticket.summary().id(),
                new NewMessage(body, MessageBody.Format.TEXT, false, null, Actor.Type.CUSTOMER),
                Actor.customer(profile.email(), profile.name()));
        for (Uploads.File upload : uploads) {
            attachments.store(ticket.summary().id(), messageId, upload.name(), upload.bytes());
        }
        return detail(visible(customer, number), customer);
    }

    /** An attachment of one of the ticket's public messages (or of its creation); anything else is not found. */
    @Transactional(readOnly = true)
    TicketAttachments.Attachment attachment(CustomerPrincipal customer, String number, long id) {
        RequesterTickets.Detail ticket = visible(customer, number);
        Set<Long> publicMessages = new HashSet<>();
        requesterTickets.publicMessages(ticket.summary().id()).forEach(m -> publicMessages.add(m.id()));
        return attachments.find(ticket.summary().id(), id)
                .filter(a -> a.messageId() == null || publicMessages.contains(a.messageId()))
                .orElseThrow(() -> new NotFoundException(ProblemText.of("portal.ticket.noAttachment")));
    }

    InputStream open(TicketAttachments.Attachment attachment) {
        return attachments.open(attachment.ticketId(), attachment.id());
    }

    private RequesterTickets.Detail visible(CustomerPrincipal customer, String number) {
        return requesterTickets.find(scope(customer), number).orElseThrow(() -> new NotFoundException(ProblemText.of("portal.ticket.notFound")));
    }

    RequesterTickets.Scope scope(CustomerPrincipal customer) {
        boolean shared = customer.organizationId() != null && tenant.organizationTickets(customer.tenantId());
        return new RequesterTickets.Scope(customer.tenantId(), customer.customerId(), shared ? customer.organizationId() : null);
    }

    private TicketDetail detail(RequesterTickets.Detail ticket, CustomerPrincipal customer) {
        List<RequesterTickets.PublicMessage> messages = requesterTickets.publicMessages(ticket.summary().id());
        Map<Long, List<AttachmentView>> byMessage = new LinkedHashMap<>();
        Long first = messages.isEmpty() ? null : messages.get(0).id();
        Set<Long> publicIds = new HashSet<>();
        messages.forEach(m -> publicIds.add(m.id()));
        for (TicketAttachments.Attachment a : attachments.ofTicket(ticket.summary().id())) {
            Long owner = a.messageId() == null ? first : a.messageId();
            if (owner != null && publicIds.contains(owner)) {
                byMessage.computeIfAbsent(owner, k -> new ArrayList<>())
                        .add(new AttachmentView(a.id(), a.fileName(), a.servedContentType(), a.size()));
            }
        }
        List<MessageView> views = messages.stream().map(m -> new MessageView(m.id(), m.authorType().name(), m.authorName(),
                m.authorType() == Actor.Type.CUSTOMER && customer.email().equalsIgnoreCase(m.authorId()), m.html(), m.text(), m.at(), byMessage.getOrDefault(m.id(), List.of()))).toList();
        RequesterTickets.Summary s = ticket.summary();
        return new TicketDetail(s.number(), s.subject(), s.status().name(), s.category(), s.requesterName(), s.mine(), s.createdAt(),
                s.lastActivityAt(), ticket.customFields(), !s.status().ended(), views);
    }

    private static TicketSummary summary(RequesterTickets.Summary s) {
        return new TicketSummary(s.number(), s.subject(), s.status().name(), s.category(), s.requesterName(), s.mine(),
                s.createdAt(), s.lastActivityAt());
    }
}
