package io.supportflow.mail;

import io.supportflow.ticket.MessageFiles;
import io.supportflow.ticket.TicketReader;
import io.supportflow.ticket.TicketService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The stored attachments of tickets (mail, portal and agents' uploads alike) by message, for the agents' conversation. */
@Component
class MessageFilesOfTickets implements MessageFiles {

    private final TicketAttachments attachments;
    private final TicketReader reader;
    private final TicketService tickets;

    MessageFilesOfTickets(TicketAttachments attachments, TicketReader reader, TicketService tickets) {
        this.attachments = attachments;
        this.reader = reader;
        this.tickets = tickets;
    }

    @Override
    public Map<Long, List<File>> byMessage(List<Long> ticketIds) {
        Map<Long, List<File>> byMessage = new LinkedHashMap<>();
        for (long ticketId : ticketIds) {
            List<TicketAttachments.Attachment> files = attachments.ofTicket(ticketId);
            if (files.isEmpty()) {
                continue;
            }
            String number = URLEncoder.encode(tickets.numberOf(ticketId).orElseThrow(), StandardCharsets.UTF_8);
            Long first = null;
            for (TicketAttachments.Attachment a : files) {
                Long owner = a.messageId();
                if (owner == null) {
                    first = first != null ? first : reader.messages(ticketId, true).stream().findFirst().map(m -> m.id()).orElse(null);
                    owner = first;
                }
                if (owner != null) {
                    byMessage.computeIfAbsent(owner, k -> new ArrayList<>()).add(new File(a.id(), a.fileName(),
                            a.servedContentType(), a.size(), "/api/v1/tickets/" + number + "/attachments/" + a.id()));
                }
            }
        }
        return byMessage;
    }
}
