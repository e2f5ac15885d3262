package io.supportflow.ai;

import io.supportflow.ticket.Actor;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketMessage;
import io.supportflow.ticket.TicketReader;
import java.util.List;
import org.springframework.stereotype.Component;

/** A ticket as an AI provider sees it: subject and conversation; internal notes only when the output is for agents. */
@Component
class TicketTexts {

    private static final int MAX_TURNS = 40;

    private final TicketReader reader;

    TicketTexts(TicketReader reader) {
        this.reader = reader;
    }

    AiProvider.TicketText of(Ticket ticket, boolean includeInternalNotes) {
        List<TicketMessage> messages = reader.messages(ticket, includeInternalNotes);
        List<TicketMessage> recent = messages.size() > MAX_TURNS ? messages.subList(messages.size() - MAX_TURNS, messages.size()) : messages;
        return new AiProvider.TicketText(ticket.getSubject(), recent.stream().map(TicketTexts::turn).toList());
    }

    List<String> categories() {
        return reader.categoryCodes();
    }

    /** The canonical input of a ticket text, hashed into the audit trail. */
    static String canonical(AiProvider.TicketText text) {
        StringBuilder s = new StringBuilder(text.subject() == null ? "" : text.subject());
        text.turns().forEach(t -> s.append('\n').append(t.speaker()).append(": ").append(t.text()));
        return s.toString();
    }

    private static AiProvider.Turn turn(TicketMessage m) {
        AiProvider.Speaker speaker = m.internal() ? AiProvider.Speaker.NOTE
                : m.author().type() == Actor.Type.CUSTOMER ? AiProvider.Speaker.CUSTOMER : AiProvider.Speaker.AGENT;
        return new AiProvider.Turn(speaker, m.body().text());
    }
}
