package io.supportflow.mail;

import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketService;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds the ticket an inbound mail answers, in this order: a signed token in a recipient's
 * plus-address (forged or garbled tokens are ignored); In-Reply-To / References against the
 * Message-IDs we sent or imported; a ticket number in the subject, but only when the sender is the
 * ticket's requester (anyone can type a number). A ticket merged into another leads to that one.
 */
@Component
class TicketMatcher {

    record Match(Ticket ticket, String reason) {
    }

    private static final int MAX_MERGE_HOPS = 10;

    private final ReplyTokens tokens;
    private final MailThreads threads;
    private final TicketService tickets;

    TicketMatcher(ReplyTokens tokens, MailThreads threads, TicketService tickets) {
        this.tokens = tokens;
        this.threads = threads;
        this.tickets = tickets;
    }

    Optional<Match> match(ParsedMail mail) {
        for (String token : mail.hints().plusTokens()) {
            Optional<Ticket> ticket = tokens.verify(token).flatMap(tickets::findByNumber);
            if (ticket.isPresent()) {
                return followMerges(ticket.get(), "signed reply token");
            }
        }
        Optional<Long> threaded = threads.ticketOf(mail.hints().threadMessageIds());
        if (threaded.isPresent()) {
            return tickets.findById(threaded.get()).flatMap(t -> followMerges(t, "In-Reply-To/References"));
        }
        if (mail.from() != null) {
            for (String number : mail.hints().subjectTicketNumbers()) {
                Optional<Ticket> ticket = tickets.findByNumber(number)
                        .filter(t -> mail.from().sameAddress(t.getRequesterEmail()));
                if (ticket.isPresent()) {
                    return followMerges(ticket.get(), "ticket number in the subject, from the requester");
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Match> followMerges(Ticket ticket, String reason) {
        Ticket current = ticket;
        for (int hop = 0; current.getMergedIntoId() != null && hop < MAX_MERGE_HOPS; hop++) {
            current = tickets.findById(current.getMergedIntoId()).orElse(current);
        }
        return Optional.of(new Match(current, current == ticket ? reason : reason + ", merged into " + current.getNumber()));
    }
}
