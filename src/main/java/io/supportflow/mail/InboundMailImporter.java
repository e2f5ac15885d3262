package io.supportflow.mail;

import io.supportflow.ticket.Actor;
import io.supportflow.ticket.Channel;
import io.supportflow.ticket.MessageBody;
import io.supportflow.ticket.Priority;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketCommands.NewMessage;
import io.supportflow.ticket.TicketCommands.NewTicket;
import io.supportflow.ticket.TicketService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One raw message from a mailbox → a new ticket, a customer reply on its ticket, or nothing (noise),
 * each in its own transaction together with the dedupe mark, so a crash between fetch and commit
 * imports the message once on the next poll. The raw message is always kept: with its ticket in
 * mail_inbound, or as a dead letter when it cannot be parsed or imported.
 */
@Component
class InboundMailImporter {

    enum Result { TICKET_CREATED, REPLY_ADDED, IGNORED, DUPLICATE, DEAD_LETTER }

    static final int MAX_SUBJECT = 250;
    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    static final int MAX_BODY = 100_000;
    static final String NO_SUBJECT = "(no subject)";
    static final String NO_TEXT = "(no text)";
    private static final Logger log = LoggerFactory.getLogger(InboundMailImporter.class);

    private final InboundMailParser parser;
    private final MailDeadLetters deadLetters;
    private final MailThreads threads;
    private final TicketMatcher matcher;
    private final TicketService tickets;
    private final MailAttachments attachments;
    private final TransactionTemplate ownTransaction;

    InboundMailImporter(InboundMailParser parser, MailDeadLetters deadLetters, MailThreads threads, TicketMatcher matcher,
            TicketService tickets, MailAttachments attachments, PlatformTransactionManager transactions) {
        this.attachments = attachments;
        this.parser = parser;
        this.deadLetters = deadLetters;
        this.threads = threads;
        this.matcher = matcher;
        this.tickets = tickets;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Imports one message; a message that fails to import becomes a dead letter, and the caller goes on. */
    Result importMessage(String mailbox, byte[] raw) {
        try {
            return ownTransaction.execute(status -> importInTransaction(mailbox, raw));
        } catch (RuntimeException e) {
            log.warn("mail from {} could not be imported; kept as a dead letter", mailbox, e);
            ownTransaction.executeWithoutResult(status -> {
                ParseResult parsed = parser.parse(raw);
                if (parsed instanceof ParsedMail mail) {
                    deadLetters.firstSighting(mailbox, mail.messageId());
                }
                deadLetters.store(mailbox, raw, "IMPORT: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            });
            return Result.DEAD_LETTER;
        }
    }

    private Result importInTransaction(String mailbox, byte[] raw) {
        ParseResult parsed = parser.parse(raw);
        if (parsed instanceof ParseFailure failure) {
            deadLetters.store(mailbox, raw, failure.kind() + ": " + failure.error());
            return Result.DEAD_LETTER;
        }
        ParsedMail mail = (ParsedMail) parsed;
        if (!deadLetters.firstSighting(mailbox, mail.messageId())) {
            return Result.DUPLICATE;
        }
        if (!mail.classification().isFromAPerson()) {
            threads.recordInbound(mailbox, mail, MailThreads.Outcome.IGNORED, mail.classificationReason(), null, null, raw);
            return Result.IGNORED;
        }
        if (mail.from() == null || mail.from().address().length() > MAX_EMAIL) {
            threads.recordInbound(mailbox, mail, MailThreads.Outcome.IGNORED, "no usable From address", null, null, raw);
            return Result.IGNORED;
        }
        Optional<TicketMatcher.Match> match = matcher.match(mail);
        if (match.isPresent() && !match.get().ticket().getStatus().ended()) {
            Ticket ticket = match.get().ticket();
            long messageId = tickets.addMessageById(ticket.getId(),
                    new NewMessage(replyBody(mail), MessageBody.Format.TEXT, false, null, Actor.Type.CUSTOMER),
                    Actor.customer(mail.from().address(), name(mail)));
            threads.recordInbound(mailbox, mail, MailThreads.Outcome.REPLY_ADDED, match.get().reason(), ticket.getId(), messageId, raw);
            attachments.store(ticket.getId(), messageId, mail.attachments());
            return Result.REPLY_ADDED;
        }
        boolean html = mail.html() != null && !mail.html().isBlank();
        Ticket ticket = tickets.create(new NewTicket(subject(mail), html ? cap(mail.html()) : orNoText(mail.text()),
                html ? MessageBody.Format.HTML : MessageBody.Format.TEXT, name(mail), mail.from().address(),
                Priority.MEDIUM, null, List.of(), Map.of(), Channel.EMAIL), Actor.customer(mail.from().address(), name(mail)));
        String reason = match.map(m -> "follow-up of " + m.ticket().getNumber() + ", which is " + m.ticket().getStatus())
                .orElse("no matching ticket");
        threads.recordInbound(mailbox, mail, MailThreads.Outcome.TICKET_CREATED, reason, ticket.getId(), null, raw);
        attachments.store(ticket.getId(), null, mail.attachments());
        return Result.TICKET_CREATED;
    }

    private static String replyBody(ParsedMail mail) {
        return orNoText(mail.replyText().isBlank() ? mail.text() : mail.replyText());
    }

    private static String orNoText(String text) {
        return text == null || text.isBlank() ? NO_TEXT : cap(text);
    }

    private static String cap(String body) {
        return body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY - 1) + "…";
    }

    private static String subject(ParsedMail mail) {
        String subject = MailTemplates.singleLine(mail.subject());
        if (subject.isEmpty()) {
            return NO_SUBJECT;
        }
        return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 1) + "…";
    }

    private static String name(ParsedMail mail) {
        String name = mail.from().name() == null ? mail.from().localPart() : MailTemplates.singleLine(mail.from().name());
        if (name.isBlank()) {
            name = mail.from().address();
        }
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }
}
