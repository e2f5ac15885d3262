package io.supportflow.mail;

import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketMessage;
import io.supportflow.ticket.TicketService;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Composes a mail to a ticket's requester — rendered, threaded, with its Message-ID generated once —
 * stores it, and starts its sending process, all in the caller's transaction: a mail exists exactly
 * when the reply or ticket that caused it does.
 */
@Component
class OutgoingMails {

    /**
     * At most this many acknowledgements per address and day. A person rarely opens more tickets than that;
     * an auto-responder that ignores Auto-Submitted and answers every acknowledgement with a new mail does,
     * and without this cap the two systems would mail each other forever.
     */
    static final int MAX_ACKNOWLEDGEMENTS_PER_DAY = 5;
    private static final Logger log = LoggerFactory.getLogger(OutgoingMails.class);

    private final MailSettings settings;
    private final MailTemplates templates;
    private final MailThreads threads;
    private final ReplyTokens tokens;
    private final TicketService tickets;
    private final OutgoingMailProcess process;

    private final io.supportflow.common.PublicUrl publicUrl;
    private final MailAttachments attachments;

    OutgoingMails(io.supportflow.common.PublicUrl publicUrl, MailSettings settings, MailTemplates templates, MailThreads threads, ReplyTokens tokens,
            TicketService tickets, OutgoingMailProcess process, MailAttachments attachments) {
        this.publicUrl = publicUrl;
        this.attachments = attachments;
        this.settings = settings;
        this.templates = templates;
        this.threads = threads;
        this.tokens = tokens;
        this.tickets = tickets;
        this.process = process;
    }

    /** The acknowledgement of a new ticket from one of the acknowledged channels. */
    Optional<Long> acknowledge(long ticketId) {
        Ticket ticket = tickets.findById(ticketId).orElseThrow();
        if (!settings.outbound().acknowledgeChannels().contains(ticket.getChannel())) {
            return Optional.empty();
        }
        if (threads.acknowledgementsToday(ticket.getRequesterEmail()) >= MAX_ACKNOWLEDGEMENTS_PER_DAY) {
            log.warn("ticket {}: {} already got {} acknowledgements today (a mail loop?); no acknowledgement sent",
                    ticket.getNumber(), ticket.getRequesterEmail(), MAX_ACKNOWLEDGEMENTS_PER_DAY);
            return Optional.empty();
        }
        return queue(ticket, null, MailThreads.Kind.ACKNOWLEDGEMENT, "acknowledgement", Map.of(), false, null, true);
    }

    /** A notice about the ticket's state (resolved, reminder, closed): the kind's template, no message of its own. */
    Optional<Long> notice(long ticketId, MailThreads.Kind kind) {
        Ticket ticket = tickets.findById(ticketId).orElseThrow();
        if (ticket.getMergedIntoId() != null) {
            return Optional.empty(); // closed because merged: the customer goes on in the other ticket
        }
        return queue(ticket, null, kind, kind.name().toLowerCase(java.util.Locale.ROOT), Map.of(), false, null, true);
    }

    /**
     * The resolution's mail with more in it (the CSAT survey's rating links: template resolved-survey), once per
     * dedupe key, threaded like the notices; stored but not sent while outbound mail is off.
     */
    Optional<Long> resolved(long ticketId, String template, Map<String, String> extra, String dedupeKey) {
        Ticket ticket = tickets.findById(ticketId).orElseThrow();
        if (ticket.getMergedIntoId() != null) {
            return Optional.empty();
        }
        return queue(ticket, null, MailThreads.Kind.RESOLVED, template, extra, false, dedupeKey, settings.outbound().enabled());
    }

    /**
     * A public reply written for the customer; internal notes never get here, and are refused if they do.
     * The reply's files go with it when together they fit {@code max-attached-bytes}; otherwise the mail says
     * so and links to the request's portal page. The choice is stored with the mail: a retry sends the same.
     */
    Optional<Long> reply(long ticketId, long ticketMessageId) {
        TicketMessage message = tickets.findMessage(ticketMessageId).orElseThrow();
        if (message.internal()) {
            throw new IllegalArgumentException("message " + ticketMessageId + " is an internal note; notes are never mailed");
        }
        Ticket ticket = tickets.findById(ticketId).orElseThrow();
        List<MailAttachments.Stored> files = attachments.ofMessage(ticketId, ticketMessageId);
        boolean attach = !files.isEmpty()
                && files.stream().mapToLong(MailAttachments.Stored::size).sum() <= settings.outbound().maxAttachedBytes();
        ReplyFileNote note = ReplyFileNote.of(language(ticket), files, attach, trackingUrl(ticket));
        return queue(ticket, ticketMessageId, MailThreads.Kind.REPLY, "reply", Map.of(
                "replyText", message.body().text(),
                "replyHtml", message.body().html(),
                "attachmentsText", note.text(),
                "attachmentsHtml", note.html(),
                "agentName", message.author().name() == null ? brand() : message.author().name()), attach, null, true);
    }

    /** The customer portal's page of the ticket (sign-in or sign-up with this address first). */
    private String trackingUrl(Ticket ticket) {
        return publicUrl.link("/portal/ticket.html?number="
                + java.net.URLEncoder.encode(ticket.getNumber(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private Optional<Long> queue(Ticket ticket, Long ticketMessageId, MailThreads.Kind kind, String template,
            Map<String, String> extra, boolean attachFiles, String dedupeKey, boolean send) {
        if (!deliverable(ticket.getRequesterEmail())) {
            log.warn("ticket {}: requester address {} cannot receive mail; nothing sent", ticket.getNumber(), ticket.getRequesterEmail());
            return Optional.empty();
        }
        Map<String, String> values = new java.util.HashMap<>(extra);
        values.put("number", ticket.getNumber());
        values.put("subject", ticket.getSubject());
        values.put("customerName", ticket.getRequesterName());
        values.put("brand", brand());
        values.put("trackingUrl", trackingUrl(ticket));
        MailTemplates.Rendered rendered = templates.render(template, language(ticket), values);
        List<String> conversation = threads.conversation(ticket.getId());
        String inReplyTo = threads.lastInbound(ticket.getId()).orElse(conversation.isEmpty() ? null : conversation.get(conversation.size() - 1));
        Optional<Long> id = threads.queue(new MailThreads.Outgoing(0, ticket.getId(), ticketMessageId, kind, newMessageId(),
                ticket.getRequesterEmail(), replyAddress(ticket),
                rendered.subject(), inReplyTo, conversation.isEmpty() ? null : String.join(" ", angled(MailThreads.trimReferences(conversation))),
                rendered.text(), rendered.html(), false, dedupeKey, attachFiles));
        if (send) {
            id.ifPresent(mailId -> process.start(ticket.getNumber(), mailId));
        } else {
            id.ifPresent(mailId -> log.info("outbound mail is off: {} mail {} of ticket {} stored, not sent", template, mailId, ticket.getNumber()));
        }
        return id;
    }

    /** The signed reply address; without a support address (outbound mail off: stored, never sent) a no-reply one. */
    private String replyAddress(Ticket ticket) {
        String from = settings.outbound().fromAddress();
        return from == null || from.isBlank() ? "noreply@" + settings.messageIdDomain() : tokens.replyAddress(from, ticket.getNumber());
    }

    /** The ticket's language (the templates fall back to English); the configured one for tickets older than languages. */
    private String language(Ticket ticket) {
        return ticket.getLanguage() != null ? ticket.getLanguage() : settings.outbound().language();
    }

    private String brand() {
        String name = settings.outbound().fromName();
        return name == null || name.isBlank() ? "Support" : name;
    }

    private String newMessageId() {
        return UUID.randomUUID() + "@" + settings.messageIdDomain();
    }

    private static List<String> angled(List<String> ids) {
        return ids.stream().map(id -> "<" + id + ">").toList();
    }

    private static boolean deliverable(String address) {
        try {
            new InternetAddress(address, true).validate();
            return true;
        } catch (AddressException invalid) {
            return false;
        }
    }
}
