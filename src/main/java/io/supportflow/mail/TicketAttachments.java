package io.supportflow.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.tika.Tika;
import org.springframework.stereotype.Component;

/**
 * Ticket attachments for other capabilities (the customer portal): the same storage and table as the
 * attachments of inbound mail, so agents see them in {@code GET /api/v1/tickets/{n}/attachments} too.
 * File names are sanitised like a mail's ({@link FileNames}) and the content type is detected from the
 * bytes, never taken from the uploader.
 */
@Component
public class TicketAttachments {

    /** An attachment of a ticket; {@code messageId} null means it came with the ticket's creation (its description). */
    public record Attachment(long id, long ticketId, Long messageId, String fileName, String contentType, long size, Instant createdAt) {

        /** The type to serve it as: a passive type as detected, anything a browser could run as opaque bytes. */
        public String servedContentType() {
            return MailAttachmentController.PASSIVE_TYPES.contains(contentType) ? contentType : "application/octet-stream";
        }
    }

    private final MailAttachments attachments;
    private final Tika tika = new Tika();

    TicketAttachments(MailAttachments attachments) {
        this.attachments = attachments;
    }

    /** Stores one file on the ticket (on the message when given) in the caller's transaction. */
    public Attachment store(long ticketId, Long messageId, String uploadedName, byte[] bytes) {
        String name = FileNames.sanitise(uploadedName, "attachment");
        String type = tika.detect(bytes, name);
        long id = attachments.store(ticketId, messageId, List.of(new MailAttachment(name, type, null, false, null, bytes))).get(0);
        return find(ticketId, id).orElseThrow();
    }

    public List<Attachment> ofTicket(long ticketId) {
        return attachments.ofTicket(ticketId).stream().map(TicketAttachments::view).toList();
    }

    public Optional<Attachment> find(long ticketId, long id) {
        return attachments.find(ticketId, id).map(TicketAttachments::view);
    }

    public InputStream open(long ticketId, long id) {
        MailAttachments.Stored stored = attachments.find(ticketId, id).orElseThrow();
        try {
            return attachments.open(stored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    private static Attachment view(MailAttachments.Stored a) {
        return new Attachment(a.id(), a.ticketId(), a.ticketMessageId(), a.fileName(), a.contentType(), a.size(), a.createdAt());
    }
}
