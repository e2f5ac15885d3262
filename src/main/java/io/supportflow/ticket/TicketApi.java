package io.supportflow.ticket;

import com.fasterxml.jackson.annotation.JsonSetter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the agents' ticket API. */
final class TicketApi {

    static final String NUMBER_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$";
    static final String NAME_PATTERN = "^[^\\p{Cntrl}<>]*$";
    static final String NO_CONTROL_CHARACTERS = "^[^\\p{Cntrl}]*$";
    static final String IDENTIFIER_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$";
    static final String LANGUAGE_PATTERN = "^[a-z]{2}$";
    static final String LANGUAGE_MESSAGE = "must be an ISO 639-1 language code in lower case, e.g. en or fr";

    record Requester(
            @NotBlank @Size(max = 200) @Pattern(regexp = NAME_PATTERN, message = "must not contain control characters or angle brackets") String name,
            @NotBlank @Email(regexp = "^[^\\s<>\"'()]+@[^\\s<>\"'()]+$") @Size(max = 254) String email) {
    }

    record CreateTicket(
            @NotBlank @Size(max = 250) @Pattern(regexp = "^[^\\p{Cntrl}]*$", message = "must be a single line without control characters") String subject,
            @NotBlank @Size(max = 100_000) String description,
            @Schema(description = "TEXT (default) or HTML; HTML is sanitised") MessageBody.Format descriptionFormat,
            @NotNull @Valid Requester requester,
            Priority priority,
            @Size(max = 50) String category,
            @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
            @Size(max = 50) Map<@Size(max = 50) String, Object> customFields,
            Channel channel,
            @Schema(description = "ISO 639-1 (en, fr…) of every mail to the customer; default: the requester's language, else guessed from the text")
            @Pattern(regexp = LANGUAGE_PATTERN, message = LANGUAGE_MESSAGE) String language) {
    }

    /** A partial update; send only what changes. {@code "assignee": null} unassigns. */
    static final class UpdateTicket {
        public Priority priority;
        @Size(max = 50) public String category;
        @Size(max = 20) public List<@NotBlank @Size(max = 50) String> tags;
        @Pattern(regexp = IDENTIFIER_PATTERN) public String team;
        @Pattern(regexp = IDENTIFIER_PATTERN) String assignee;
        boolean assigneeGiven;
        public TicketStatus status;
        @Size(max = 50) public Map<@Size(max = 50) String, Object> customFields;
        @Schema(description = "ISO 639-1 (en, fr…) of every mail to the customer from now on")
        @Pattern(regexp = LANGUAGE_PATTERN, message = LANGUAGE_MESSAGE) public String language;

        @JsonSetter("assignee")
        void assignee(String assignee) {
            this.assignee = assignee;
            this.assigneeGiven = true;
        }

        @Schema(description = "agent id, or null to unassign")
        public String getAssignee() {
            return assignee;
        }
    }

    record CreateMessage(
            @NotBlank @Size(max = 100_000) String body,
            @Schema(description = "TEXT (default) or HTML; HTML is sanitised") MessageBody.Format format,
            Boolean internal,
            @Schema(description = "the ticket's status after this message") TicketStatus status,
            @Schema(description = "AGENT (default), or CUSTOMER for a message an agent records on the customer's behalf") Actor.Type authorType) {
    }

    record Snooze(@NotNull OffsetDateTime until) {
    }

    record Merge(@NotBlank @Pattern(regexp = NUMBER_PATTERN) String into) {
    }

    record Split(
            @NotNull @Size(min = 1, max = 200) List<@NotNull @jakarta.validation.constraints.Positive Long> messageIds,
            @Size(max = 250) @Pattern(regexp = "^[^\\p{Cntrl}]*$", message = "must be a single line without control characters") String subject) {
    }

    record RequesterView(String name, String email, Long customerId, Long organizationId) {
    }

    record SlaView(Instant firstRespondedAt,
                   @Schema(description = "the SLA clocks (first response, next response, resolution); in the ticket's own view only")
                   List<ServiceLevels.Clock> clocks) {
    }

    record TicketView(String number, String subject, String description, RequesterView requester, Channel channel,
                      TicketStatus status, Priority priority, String category, String language, List<String> tags,
                      Map<String, Object> customFields, String team, String assignee, Instant snoozedUntil,
                      String mergedInto, SlaView sla, Instant createdAt, Instant updatedAt, Instant resolvedAt,
                      Instant closedAt) {

        static TicketView of(Ticket t, String mergedIntoNumber, List<ServiceLevels.Clock> clocks) {
            return new TicketView(t.getNumber(), t.getSubject(), t.getDescription(),
                    new RequesterView(t.getRequesterName(), t.getRequesterEmail(), t.getCustomerId(), t.getOrganizationId()),
                    t.getChannel(), t.getStatus(), t.getPriority(), t.getCategory(), t.getLanguage(), t.getTags(), t.getCustomFields(),
                    t.getTeam(), t.getAssignee(), t.getSnoozedUntil(), mergedIntoNumber,
                    new SlaView(t.getFirstRespondedAt(), clocks),
                    t.getCreatedAt(), t.getUpdatedAt(), t.getResolvedAt(), t.getClosedAt());
        }
    }

    record MessageView(long id, String ticketNumber, Actor.Type authorType, String author, boolean internal,
                       String bodyHtml, String bodyText, Instant createdAt, List<MessageFiles.File> attachments) {

        /** Stored HTML was sanitised on the way in; it is sanitised again on the way out, never trusted. */
        static MessageView of(Conversation.Message m, List<MessageFiles.File> attachments) {
            return new MessageView(m.id(), m.ticketNumber(), m.authorType(), m.authorName(), m.internal(),
                    MessageBody.fromHtml(m.html()).html(), m.text(), m.at(), attachments);
        }
    }

    record ActivityView(long id, String ticketNumber, Actor.Type actorType, String actor, String action, String field,
                        String from, String to, Instant at) {

        static ActivityView of(ActivityLog.Entry e) {
            return new ActivityView(e.id(), e.ticketNumber(), e.actorType(), e.actor(), e.action(), e.field(), e.before(), e.after(), e.at());
        }
    }

    record Page<T>(List<T> items, String nextCursor) {
    }

    record Counts(@Schema(description = "the team counted, or absent for all tickets visible to you") String team,
                  Map<TicketStatus, Long> byStatus, long total) {
    }

    private TicketApi() {
    }
}
