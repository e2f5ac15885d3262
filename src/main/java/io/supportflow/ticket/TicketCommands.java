package io.supportflow.ticket;

import java.util.List;
import java.util.Map;

/** The inputs of the ticket service, already type-checked by the API layer. */
final class TicketCommands {

    record NewTicket(String subject, String description, MessageBody.Format descriptionFormat, String requesterName,
                     String requesterEmail, Priority priority, String category, List<String> tags,
                     Map<String, Object> customFields, Channel channel) {
    }

    /** A partial update: null means "leave as is", except {@code assignee} when {@code assigneeGiven}. */
    record Changes(Priority priority, String category, List<String> tags, String team, String assignee,
                   boolean assigneeGiven, TicketStatus status, Map<String, Object> customFields) {
    }

    record NewMessage(String body, MessageBody.Format format, boolean internal, TicketStatus status, Actor.Type authorType) {
    }

    private TicketCommands() {
    }
}
