package io.supportflow.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A ticket row. Setters of business fields record a {@link FieldChange}, so that whoever saves
 * the ticket also appends every change to the activity log: nothing changes unlogged.
 */
public class Ticket {

    public record FieldChange(String field, String before, String after) {
    }

    private Long id;
    private String tenantId;
    private String number;
    private String subject;
    private String description;
    private String requesterName;
    private String requesterEmail;
    private Long customerId;
    private Long organizationId;
    private Channel channel;
    private TicketStatus status;
    private Priority priority;
    private String category;
    private String language;
    private List<String> tags = List.of();
    private Map<String, Object> customFields = Map.of();
    private String team;
    private String assignee;
    private String processInstanceId;
    private Instant snoozedUntil;
    private Long mergedIntoId;
    private Instant firstRespondedAt;
    private Instant resolvedAt;
    private Instant closedAt;
    private Instant createdAt;
    private Instant updatedAt;

    private final transient List<FieldChange> changes = new ArrayList<>();

    Ticket() {
    }

    static Ticket open(String tenantId, String number, String subject, String description, String requesterName,
            String requesterEmail, Channel channel, Priority priority, String category, List<String> tags,
            Map<String, Object> customFields, Instant now) {
        Ticket t = new Ticket();
        t.tenantId = tenantId;
        t.number = number;
        t.subject = subject;
        t.description = description;
        t.requesterName = requesterName;
        t.requesterEmail = requesterEmail;
        t.channel = channel;
        t.status = TicketStatus.NEW;
        t.priority = priority;
        t.category = category;
        t.tags = List.copyOf(tags);
        t.customFields = Map.copyOf(customFields);
        t.createdAt = now;
        t.updatedAt = now;
        return t;
    }

    List<FieldChange> drainChanges() {
        List<FieldChange> drained = List.copyOf(changes);
        changes.clear();
        return drained;
    }

    private void track(String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(new FieldChange(field, before == null ? null : before.toString(), after == null ? null : after.toString()));
        }
    }

    void setStatus(TicketStatus status) { track("status", this.status, status); this.status = status; }
    void setPriority(Priority priority) { track("priority", this.priority, priority); this.priority = priority; }
    void setCategory(String category) { track("category", this.category, category); this.category = category; }
    /** The language of a new ticket, or of a row read back: not a change. */
    void initLanguage(String language) { this.language = language; }
    void setLanguage(String language) { track("language", this.language, language); this.language = language; }
    void setTags(List<String> tags) { track("tags", String.join(",", this.tags), String.join(",", tags)); this.tags = List.copyOf(tags); }
    void setCustomFields(Map<String, Object> fields) {
        for (String key : union(this.customFields, fields)) {
            track("customFields." + key, this.customFields.get(key), fields.get(key));
        }
        this.customFields = Map.copyOf(fields);
    }
    void setTeam(String team) { track("team", this.team, team); this.team = team; }
    void setAssignee(String assignee) { track("assignee", this.assignee, assignee); this.assignee = assignee; }
    void setSnoozedUntil(Instant until) { track("snoozedUntil", this.snoozedUntil, until); this.snoozedUntil = until; }
    void setMergedIntoId(Long id) { this.mergedIntoId = id; }
    void setResolvedAt(Instant at) { this.resolvedAt = at; }
    void setClosedAt(Instant at) { this.closedAt = at; }
    void setFirstRespondedAt(Instant at) { this.firstRespondedAt = at; }
    void setUpdatedAt(Instant at) { this.updatedAt = at; }
    void setProcessInstanceId(String id) { this.processInstanceId = id; }
    void setId(Long id) { this.id = id; }
    void setCustomerId(Long id) { this.customerId = id; }
    void setOrganizationId(Long id) { this.organizationId = id; }

    private static List<String> union(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        a.keySet().forEach(k -> keys.put(k, true));
        b.keySet().forEach(k -> keys.put(k, true));
        return List.copyOf(keys.keySet());
    }

    public Long getId() { return id; }
    public String getTenantId() { return tenantId; }
    public String getNumber() { return number; }
    public String getSubject() { return subject; }
    public String getDescription() { return description; }
    public String getRequesterName() { return requesterName; }
    public String getRequesterEmail() { return requesterEmail; }
    public Long getCustomerId() { return customerId; }
    public Long getOrganizationId() { return organizationId; }
    public Channel getChannel() { return channel; }
    public TicketStatus getStatus() { return status; }
    public Priority getPriority() { return priority; }
    public String getCategory() { return category; }
    /** ISO 639-1 (en, fr…): the language of every mail and auto-response to the customer; null on tickets from before languages. */
    public String getLanguage() { return language; }
    public List<String> getTags() { return tags; }
    public Map<String, Object> getCustomFields() { return customFields; }
    public String getTeam() { return team; }
    public String getAssignee() { return assignee; }
    public String getProcessInstanceId() { return processInstanceId; }
    public Instant getSnoozedUntil() { return snoozedUntil; }
    public Long getMergedIntoId() { return mergedIntoId; }
    public Instant getFirstRespondedAt() { return firstRespondedAt; }
    public Instant getResolvedAt() { return resolvedAt; }
    public Instant getClosedAt() { return closedAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }

    /** Used by the repository when reading a row back. */
    static Ticket fromRow(Long id, String tenantId, String number, String subject, String description,
            String requesterName, String requesterEmail, Long customerId, Long organizationId, Channel channel,
            TicketStatus status, Priority priority, String category, List<String> tags, Map<String, Object> customFields,
            String team, String assignee, String processInstanceId, Instant snoozedUntil, Long mergedIntoId,
            Instant firstRespondedAt,
            Instant resolvedAt, Instant closedAt, Instant createdAt, Instant updatedAt) {
        Ticket t = new Ticket();
        t.id = id; t.tenantId = tenantId; t.number = number; t.subject = subject; t.description = description;
        t.requesterName = requesterName; t.requesterEmail = requesterEmail; t.customerId = customerId;
        t.organizationId = organizationId; t.channel = channel; t.status = status; t.priority = priority;
        t.category = category; t.tags = List.copyOf(tags); t.customFields = Map.copyOf(customFields); t.team = team;
        t.assignee = assignee; t.processInstanceId = processInstanceId; t.snoozedUntil = snoozedUntil;
        t.mergedIntoId = mergedIntoId; t.firstRespondedAt = firstRespondedAt; t.resolvedAt = resolvedAt;
        t.closedAt = closedAt; t.createdAt = createdAt; t.updatedAt = updatedAt;
        return t;
    }
}
