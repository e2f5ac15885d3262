package io.supportflow.mail;

import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketService;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Mail that other capabilities send: account mails (verification, password reset) and ticket mails
 * that are not replies (surveys). The caller names a template under {@code mail/templates/} and a
 * dedupe key; the mail is stored in the caller's transaction and sent by processes/outgoing-mail.bpmn
 * (retries, incidents). The same key never mails twice, so an event handled twice is harmless.
 * With outbound mail off (the demo without SMTP) the mail is stored but not sent.
 */
@Component
public class MailOutbox {

    /**
     * @param ticketId   the ticket the mail is about (threads it and replies come back to it), or null
     * @param language   the template's language (falls back to English)
     * @param values     the template's placeholders, plain text (escaped in the HTML part)
     * @param dedupeKey  unique per mail the caller means, e.g. {@code "csat:" + ticketId}
     */
    public record Mail(String recipient, String template, String language, Map<String, String> values, Long ticketId,
            String dedupeKey) {

        public Mail {
            Objects.requireNonNull(recipient);
            Objects.requireNonNull(template);
            Objects.requireNonNull(dedupeKey);
            values = Map.copyOf(values);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

    private final MailSettings settings;
    private final MailTemplates templates;
    private final MailThreads threads;
    private final ReplyTokens tokens;
    private final TicketService tickets;
    private final OutgoingMailProcess process;
    private final OutgoingMails ticketMails;

    MailOutbox(MailSettings settings, MailTemplates templates, MailThreads threads, ReplyTokens tokens, TicketService tickets,
            OutgoingMailProcess process, OutgoingMails ticketMails) {
        this.ticketMails = ticketMails;
        this.settings = settings;
        this.templates = templates;
        this.threads = threads;
        this.tokens = tokens;
        this.tickets = tickets;
        this.process = process;
    }

    /** The id of the stored mail; empty when this dedupe key was sent before. */
    public Optional<Long> send(Mail mail) {
        Map<String, String> values = new java.util.HashMap<>(mail.values());
        values.putIfAbsent("brand", brand());
        Ticket ticket = mail.ticketId() == null ? null : tickets.findById(mail.ticketId()).orElseThrow();
        MailTemplates.Rendered rendered = templates.render(mail.template(), mail.language(), values);
        String from = settings.outbound().fromAddress();
        String replyTo = from == null || from.isBlank() ? "noreply@" + settings.messageIdDomain()
                : ticket == null ? from : tokens.replyAddress(from, ticket.getNumber());
        Optional<Long> id = threads.queue(new MailThreads.Outgoing(0, mail.ticketId(), null, MailThreads.Kind.NOTICE,
                UUID.randomUUID() + "@" + settings.messageIdDomain(), mail.recipient(), replyTo, rendered.subject(),
                null, null, rendered.text(), rendered.html(), false, mail.dedupeKey(), false));
        if (id.isPresent() && settings.outbound().enabled()) {
            process.start(ticket == null ? "notice" : ticket.getNumber(), id.get());
        } else if (id.isPresent()) {
            log.info("outbound mail is off: {} mail {} to {} stored, not sent", mail.template(), id.get(), mail.recipient());
        }
        return id;
    }

    /**
     * The mail telling the ticket's requester that it is resolved, from a {@link ResolutionMailer} that says so:
     * a template of the "resolved" kind ({@code resolved-survey}) with the caller's extra placeholders, threaded
     * with the ticket's conversation, once per dedupe key. Empty when sent before (or the address cannot receive mail).
     */
    public Optional<Long> sendResolved(long ticketId, String template, Map<String, String> values, String dedupeKey) {
        return ticketMails.resolved(ticketId, template, values, Objects.requireNonNull(dedupeKey));
    }

    /** The text of a stored mail: for the demo without SMTP and for tests, which follow its links. */
    public Optional<String> storedText(String dedupeKey) {
        return threads.textByDedupeKey(dedupeKey);
    }

    private String brand() {
        String name = settings.outbound().fromName();
        return name == null || name.isBlank() ? "Support" : name;
    }
}
