package io.supportflow.ticket;

import java.util.List;
import java.util.Map;

/** The inputs of the ticket service, already type-checked by the API layer. */
public final class TicketCommands {

    /** @param language the ticket's language (ISO 639-1) when the caller knows it; null: the requester's, else guessed */
    public record NewTicket(String subject, String description, MessageBody.Format descriptionFormat, String requesterName,
                     String requesterEmail, Priority priority, String category, List<String> tags,
                     Map<String, Object> customFields, Channel channel, String language) {

        public NewTicket(String subject, String description, MessageBody.Format descriptionFormat, String requesterName,
                String requesterEmail, Priority priority, String category, List<String> tags,
                Map<String, Object> customFields, Channel channel) {
            this(subject, description, descriptionFormat, requesterName, requesterEmail, priority, category, tags,
                    customFields, channel, null);
        }
    }

    /** A partial update: null means "leave as is", except {@code assignee} when {@code assigneeGiven}. */
    public record Changes(Priority priority, String category, List<String> tags, String team, String assignee,
                   boolean assigneeGiven, TicketStatus status, Map<String, Object> customFields, String language) {

        public Changes(Priority priority, String category, List<String> tags, String team, String assignee,
                boolean assigneeGiven, TicketStatus status, Map<String, Object> customFields) {
            this(priority, category, tags, team, assignee, assigneeGiven, status, customFields, null);
        }

        public static Changes none() {
            return new Changes(null, null, null, null, null, false, null, null);
        }

        public Changes withPriority(Priority value) {
            return new Changes(value, category, tags, team, assignee, assigneeGiven, status, customFields, language);
        }

        public Changes withTeam(String value) {
            return new Changes(priority, category, tags, value, assignee, assigneeGiven, status, customFields, language);
        }

        public Changes withAssignee(String value) {
            return new Changes(priority, category, tags, team, value, true, status, customFields, language);
        }

        public Changes withStatus(TicketStatus value) {
            return new Changes(priority, category, tags, team, assignee, assigneeGiven, value, customFields, language);
        }
    }

    public record NewMessage(String body, MessageBody.Format format, boolean internal, TicketStatus status, Actor.Type authorType) {
    }

    private TicketCommands() {
    }
}
