package io.supportflow.mail;

import io.supportflow.common.Uploads;
import io.supportflow.identity.Agent;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.MessageBody;
import io.supportflow.ticket.TicketCommands;
import io.supportflow.ticket.TicketMessage;
import io.supportflow.ticket.TicketService;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An agent's reply or internal note with files: the message and its files in one transaction, so a
 * failure stores neither. The reply's mail to the customer (composed just before the commit) finds the
 * files and carries them; a note's files stay with the agents.
 */
@Service
class AgentReplies {

    /** The new message as the agents' API shows it, with its files. */
    record CreatedMessage(long id, String ticketNumber, Actor.Type authorType, String author, boolean internal, String bodyHtml,
                          String bodyText, Instant createdAt, List<FileView> attachments) {
    }

    record FileView(long id, String fileName, String contentType, long size) {
    }

    private final TicketService tickets;
    private final TicketAttachments attachments;

    AgentReplies(TicketService tickets, TicketAttachments attachments) {
        this.tickets = tickets;
        this.attachments = attachments;
    }

    /** Adds the message as the agent (who must see the ticket, else 404) and stores the files on it. */
    @Transactional
    CreatedMessage add(String number, TicketCommands.NewMessage message, List<Uploads.File> files, Agent agent) {
        long messageId = tickets.addMessage(number, message, agent);
        TicketMessage stored = tickets.findMessage(messageId).orElseThrow();
        List<FileView> views = files.stream()
                .map(file -> attachments.store(stored.ticketId(), messageId, file.name(), file.bytes()))
                .map(a -> new FileView(a.id(), a.fileName(), a.contentType(), a.size()))
                .toList();
        return new CreatedMessage(messageId, tickets.numberOf(stored.ticketId()).orElse(number), stored.author().type(),
                stored.author().name(), stored.internal(), MessageBody.fromHtml(stored.body().html()).html(), stored.body().text(),
                stored.at(), views);
    }
}
