package io.supportflow.ticket;

import java.util.List;
import java.util.Map;

/**
 * The files kept with a ticket's messages, answered by the capability that stores them (mail), so that the
 * agents' conversation shows each message's attachments without the ticket capability depending on mail.
 */
public interface MessageFiles {

    /** @param url where an agent downloads it: {@code /api/v1/tickets/{number}/attachments/{id}} */
    record File(long id, String fileName, String contentType, long size, String url) {
    }

    /** The files of these tickets by the id of the message they came with (a file of the ticket's creation: its first message). */
    Map<Long, List<File>> byMessage(List<Long> ticketIds);

    MessageFiles NONE = ticketIds -> Map.of();
}
