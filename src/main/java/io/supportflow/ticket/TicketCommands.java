package io.supportflow.ticket;

import java.util.List;
import java.util.Map;

/** The inputs of the ticket service, already type-checked by the API layer. */
public final class TicketCommands {

    public record NewTicket(String subject, String description, MessageBody.Format descriptionFormat, String requesterName,
                     String requesterEmail, Priority priority, String category, List<String> tags,
                     Map<String, Object> customFields, Channel channel) {
    }

    /** A partial update: null means "leave as is", except {@code assignee} when {@code assigneeGiven}. */
    public record Changes(Priority priority, String category, List<String> tags, String team, String assignee,
                   boolean assigneeGiven, TicketStatus status, Map<String, Object> customFields) {

        public static Changes none() {
            return new Changes(null, null, null, null, null, false, null, null);
        }

        public Changes withPriority(Priority value) {
            return new Changes(value, category, tags, team, assignee, assigneeGiven, status, customFields);
        }

        public Changes withTeam(String value) {
            return new Changes(priority, category, tags, value, assignee, assigneeGiven, status, customFields);
        }

        public Changes withAssignee(String value) {
            return new Changes(priority, category, tags, team, value, true, status, customFields);
        }

        public Changes withStatus(TicketStatus value) {
            return new Changes(priority, category, tags, team, assignee, assigneeGiven, value, customFields);
        }
    }

    public record NewMessage(String body, MessageBody.Format format, boolean internal, TicketStatus status, Actor.Type authorType) {
    }

    private TicketCommands() {
    }
}
