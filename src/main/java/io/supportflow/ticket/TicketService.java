package io.supportflow.ticket;

import io.supportflow.common.ConflictException;
import io.supportflow.common.InvalidInputException;
import io.supportflow.common.LanguageGuess;
import io.supportflow.common.NotFoundException;
import io.supportflow.customer.CustomerDirectory;
import io.supportflow.identity.Agent;
import io.supportflow.ticket.TicketCommands.Changes;
import io.supportflow.ticket.TicketCommands.NewMessage;
import io.supportflow.ticket.TicketCommands.NewTicket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What agents (and, through them, customers) do to tickets. Each method saves the ticket row
 * first and then moves the process, in one transaction; it never writes the row again after the
 * engine has run, because the process's own steps may have changed it meanwhile.
 */
@Service
@Transactional
public class TicketService {

    private static final Duration MAX_SNOOZE = Duration.ofDays(365);

    private final TicketRepository tickets;
    private final ActivityLog activity;
    private final Conversation conversation;
    private final TicketWorkflow workflow;
    private final TicketNumbers numbers;
    private final TicketFieldRules rules;
    private final TicketSettings settings;
    private final CustomerDirectory customers;
    private final IdentityService identity;

    TicketService(TicketRepository tickets, ActivityLog activity, Conversation conversation, TicketWorkflow workflow,
            TicketNumbers numbers, TicketFieldRules rules, TicketSettings settings, CustomerDirectory customers,
            IdentityService identity) {
        this.tickets = tickets;
        this.activity = activity;
        this.conversation = conversation;
        this.workflow = workflow;
        this.numbers = numbers;
        this.rules = rules;
        this.settings = settings;
        this.customers = customers;
        this.identity = identity;
    }

    public Ticket create(NewTicket command, Actor actor) {
        String tenant = settings.tenant();
        Instant now = ClockUtil.now().toInstant();
        String category = rules.category(tenant, command.category());
        List<String> tags = rules.tags(command.tags());
        var customFields = rules.customFields(tenant, java.util.Map.of(), command.customFields());
        String email = command.requesterEmail().strip();
        Ticket ticket = Ticket.open(tenant, numbers.next(tenant, now), command.subject().strip(),
                command.description(), command.requesterName().strip(), email, command.channel(),
                command.priority(), category, tags, customFields, now);
        var requester = customers.findOrAdd(tenant, ticket.getRequesterName(), email);
        ticket.setCustomerId(requester.id());
        ticket.setOrganizationId(requester.organizationId());
        MessageBody description = MessageBody.of(command.description(), command.descriptionFormat());
        ticket.initLanguage(language(command, requester.language(), description));
        tickets.insert(ticket);
        activity.append(ticket.getId(), actor, "created", now);
        conversation.add(ticket.getId(), Actor.customer(email, ticket.getRequesterName()), false, description, now);
        String processInstanceId = workflow.start(ticket);
        return tickets.linkProcessInstance(ticket.getId(), processInstanceId);
    }

    /**
     * A new ticket's language: the one the request names, else the requester's (their profile), else a guess from
     * the subject and description, else the configured default. The customer's own language is never set from a
     * ticket: only they choose it (profile, sign-up).
     */
    private String language(NewTicket command, String requesterLanguage, MessageBody description) {
        if (command.language() != null) {
            return checkedLanguage(command.language());
        }
        if (requesterLanguage != null) {
            return requesterLanguage;
        }
        return LanguageGuess.of(command.subject() + "\n" + description.text()).orElse(settings.defaultLanguage());
    }

    private static String checkedLanguage(String language) {
        if (!language.matches(TicketApi.LANGUAGE_PATTERN)) {
            throw new InvalidInputException("language", "The language is an ISO 639-1 code in lower case, e.g. en or fr.");
        }
        return language;
    }

    @Transactional(readOnly = true)
    public Ticket get(String number, Agent agent) {
        return visible(tickets.findByNumber(settings.tenant(), number), agent);
    }

    /** The ticket and those merged into it, whose messages and history it shows. */
    @Transactional(readOnly = true)
    List<Long> withMerged(Ticket ticket) {
        List<Long> ids = new ArrayList<>();
        ids.add(ticket.getId());
        ids.addAll(tickets.mergedInto(ticket.getId()));
        return ids;
    }

    @Transactional(readOnly = true)
    public Optional<String> numberOf(Long id) {
        return tickets.numberOf(id);
    }

    /** A ticket by id, for other capabilities acting for the system (no visibility check). */
    @Transactional(readOnly = true)
    public Optional<Ticket> findById(long id) {
        return tickets.findById(id);
    }

    /** How many tickets waiting for an agent (NEW, OPEN, IN_PROGRESS) each of these agents has; none: absent. */
    @Transactional(readOnly = true)
    public java.util.Map<String, Long> openTicketsByAssignee(java.util.Collection<String> agents) {
        return tickets.openCountsByAssignee(settings.tenant(), agents);
    }

    /** A ticket by number, for other capabilities acting for the system (no visibility check). */
    @Transactional(readOnly = true)
    public Optional<Ticket> findByNumber(String number) {
        return tickets.findByNumber(settings.tenant(), number);
    }

    /** A stored message by id, for other capabilities acting for the system (no visibility check). */
    @Transactional(readOnly = true)
    public Optional<TicketMessage> findMessage(long messageId) {
        return conversation.find(messageId);
    }

    public Ticket update(String number, Changes changes, Agent agent) {
        return update(lockVisible(number, agent), changes, actor(agent));
    }

    /**
     * The same update for the system acting on its own (a rule, an SLA escalation): same checks,
     * same activity log entries (with this actor), same workflow moves.
     */
    public Ticket updateById(long ticketId, Changes changes, Actor actor) {
        return update(tickets.lockById(ticketId).orElseThrow(() -> new NotFoundException("No ticket with this id.")),
                changes, actor);
    }

    /** Writes an entry in the ticket's activity log, e.g. an SLA warning or a rule's decision. */
    public void recordActivity(long ticketId, Actor actor, String action, String field, String before, String after) {
        activity.append(ticketId, actor, action, field, before, after, ClockUtil.now().toInstant());
    }

    private Ticket update(Ticket ticket, Changes changes, Actor actor) {
        Instant now = ClockUtil.now().toInstant();
        if (ticket.getStatus().ended() && hasFieldChanges(changes)) {
            throw new ConflictException("The ticket is " + ticket.getStatus() + "; it can no longer be changed.");
        }
        String previousTeam = ticket.getTeam();
        String previousAssignee = ticket.getAssignee();
        Priority previousPriority = ticket.getPriority();
        if (changes.priority() != null) {
            ticket.setPriority(changes.priority());
        }
        if (changes.category() != null) {
            ticket.setCategory(rules.category(ticket.getTenantId(), changes.category()));
        }
        if (changes.language() != null) {
            ticket.setLanguage(checkedLanguage(changes.language()));
        }
        if (changes.tags() != null) {
            ticket.setTags(rules.tags(changes.tags()));
        }
        if (changes.customFields() != null) {
            ticket.setCustomFields(rules.customFields(ticket.getTenantId(), ticket.getCustomFields(), changes.customFields()));
        }
        if (changes.team() != null) {
            ticket.setTeam(existingTeam(changes.team()));
        }
        if (changes.assigneeGiven()) {
            ticket.setAssignee(assignableAgent(changes.assignee(), ticket.getTeam()));
        }
        ticket.setUpdatedAt(now);
        tickets.update(ticket);
        activity.appendChanges(ticket, actor, now);

        if (!Objects.equals(previousTeam, ticket.getTeam())) {
            workflow.teamChanged(ticket, previousTeam);
        }
        if (!Objects.equals(previousAssignee, ticket.getAssignee())) {
            workflow.assigneeChanged(ticket);
        }
        if (previousPriority != ticket.getPriority()) {
            workflow.priorityChanged(ticket);
        }
        if (changes.status() != null && changes.status() != ticket.getStatus()) {
            changeStatus(ticket, changes.status(), actor, now);
        }
        return tickets.findById(ticket.getId()).orElseThrow();
    }

    public long addMessage(String number, NewMessage message, Agent agent) {
        return addMessage(lockVisible(number, agent), message, actor(agent));
    }

    /**
     * A message written for the system: a customer's mail (authorType CUSTOMER) or a rule's reply
     * or note (authorType AGENT, written by {@code actor}).
     */
    public long addMessageById(long ticketId, NewMessage message, Actor actor) {
        return addMessage(tickets.lockById(ticketId).orElseThrow(() -> new NotFoundException("No ticket with this id.")),
                message, actor);
    }

    private long addMessage(Ticket ticket, NewMessage message, Actor actor) {
        Instant now = ClockUtil.now().toInstant();
        String body = rules.body("body", message.body());
        if (body == null) {
            throw new InvalidInputException("body", "A message needs a body.");
        }
        if (ticket.getMergedIntoId() != null) {
            throw new ConflictException("The ticket was merged into " + tickets.numberOf(ticket.getMergedIntoId()).orElse("another ticket")
                    + "; write there.");
        }
        if (ticket.getStatus().ended()) {
            throw new ConflictException("The ticket is " + ticket.getStatus() + "; open a follow-up ticket instead.");
        }
        if (message.authorType() == Actor.Type.CUSTOMER) {
            if (message.internal() || message.status() != null) {
                throw new InvalidInputException(message.internal() ? "internal" : "status",
                        "A message from the customer is public and does not choose the status.");
            }
            // a customer writing for themselves (a CC'd colleague replying by mail, the portal) is credited by name;
            // an agent recording the customer's words (a phone call) credits the requester
            Actor customer = actor.type() == Actor.Type.CUSTOMER ? actor
                    : Actor.customer(ticket.getRequesterEmail(), ticket.getRequesterName());
            return customerMessage(ticket, customer, MessageBody.of(body, message.format()), now);
        }
        if (message.authorType() != Actor.Type.AGENT) {
            throw new InvalidInputException("authorType", "authorType is AGENT or CUSTOMER.");
        }
        // only a person's reply ends the agent's turn (and is a response); a rule's or an escalation's does not
        boolean person = actor.type() == Actor.Type.AGENT;
        Optional<Task> turn = person && ticket.getSnoozedUntil() == null ? workflow.respondTask(ticket) : Optional.empty();
        if (turn.isPresent() && (!message.internal() || message.status() != null)) {
            checkNextStatus(message.status());
            workflow.completeTurn(turn.get(), new AgentResponse(message.internal() ? null : body,
                    message.internal() ? body : null, message.format(), message.status(), null, null), actor);
            return lastMessageId(ticket);
        }
        long id = conversation.add(ticket.getId(), actor, message.internal(), MessageBody.of(body, message.format()), now);
        if (person && !message.internal() && ticket.getFirstRespondedAt() == null) {
            ticket.setFirstRespondedAt(now);
        }
        ticket.setUpdatedAt(now);
        tickets.update(ticket);
        activity.append(ticket.getId(), actor, message.internal() ? "note_added" : "reply_added", now);
        if (message.status() != null && message.status() != ticket.getStatus()) {
            changeStatus(ticket, message.status(), actor, now);
        } else {
            workflow.refreshForm(ticket, transcript(ticket));
        }
        return id;
    }

    public Ticket snooze(String number, Instant until, Agent agent) {
        Ticket ticket = lockVisible(number, agent);
        Instant now = ClockUtil.now().toInstant();
        if (until == null || !until.isAfter(now.plusSeconds(59)) || until.isAfter(now.plus(MAX_SNOOZE))) {
            throw new InvalidInputException("until", "Snooze until a time between one minute and one year from now.");
        }
        if (ticket.getSnoozedUntil() != null) {
            throw new ConflictException("The ticket is already snoozed until " + ticket.getSnoozedUntil() + "; wake it first.");
        }
        if (!ticket.getStatus().withAgent() || workflow.respondTask(ticket).isEmpty()) {
            throw new ConflictException("Only a ticket waiting for an agent can be snoozed; this one is " + ticket.getStatus() + ".");
        }
        ticket.setSnoozedUntil(until);
        ticket.setUpdatedAt(now);
        tickets.update(ticket);
        activity.appendChanges(ticket, actor(agent), now);
        workflow.snooze(ticket, until);
        return tickets.findById(ticket.getId()).orElseThrow();
    }

    public Ticket wake(String number, Agent agent) {
        Ticket ticket = lockVisible(number, agent);
        if (ticket.getSnoozedUntil() == null) {
            throw new ConflictException("The ticket is not snoozed.");
        }
        activity.append(ticket.getId(), actor(agent), "woken", ClockUtil.now().toInstant());
        workflow.workResumed(ticket);
        return tickets.findById(ticket.getId()).orElseThrow();
    }

    public Ticket merge(String number, String intoNumber, Agent agent) {
        if (number.equals(intoNumber)) {
            throw new InvalidInputException("into", "A ticket cannot be merged into itself.");
        }
        Ticket probeSource = visible(tickets.findByNumber(settings.tenant(), number), agent);
        Ticket probeTarget = visible(tickets.findByNumber(settings.tenant(), intoNumber), agent);
        // lock both rows in id order, so two opposite merges cannot deadlock
        boolean sourceFirst = probeSource.getId() < probeTarget.getId();
        Ticket first = tickets.lockById(sourceFirst ? probeSource.getId() : probeTarget.getId()).orElseThrow();
        Ticket second = tickets.lockById(sourceFirst ? probeTarget.getId() : probeSource.getId()).orElseThrow();
        Ticket source = sourceFirst ? first : second;
        Ticket target = sourceFirst ? second : first;
        for (Ticket t : List.of(source, target)) {
            if (t.getStatus().ended() || t.getMergedIntoId() != null) {
                throw new ConflictException("Ticket " + t.getNumber() + " is " + t.getStatus() + "; only open tickets can be merged.");
            }
        }
        Actor actor = actor(agent);
        Instant now = ClockUtil.now().toInstant();
        source.setStatus(TicketStatus.CLOSED);
        source.setSnoozedUntil(null);
        source.setMergedIntoId(target.getId());
        source.setClosedAt(now);
        source.setUpdatedAt(now);
        tickets.update(source);
        activity.appendChanges(source, actor, now);
        activity.append(source.getId(), actor, "merged_into", "mergedInto", null, target.getNumber(), now);
        activity.append(target.getId(), actor, "merged_from", "mergedFrom", null, source.getNumber(), now);
        tickets.link(source.getId(), target.getId(), "MERGED_INTO", now);
        tickets.link(target.getId(), source.getId(), "MERGED_FROM", now);
        conversation.add(target.getId(), Actor.SYSTEM, true,
                MessageBody.fromText("Ticket " + source.getNumber() + " was merged into this ticket by " + actor.name() + "."), now);
        target.setUpdatedAt(now);
        tickets.update(target);
        workflow.merged(source);
        workflow.refreshForm(target, transcript(target));
        return tickets.findById(target.getId()).orElseThrow();
    }

    /**
     * Moves the chosen messages into a new ticket (same requester, fields copied, routed like any
     * new ticket by its own process instance) and links both. The first message is the original's
     * description and always stays, so the original is never left empty.
     */
    public Ticket split(String number, List<Long> messageIds, String subject, Agent agent) {
        if (messageIds == null || messageIds.isEmpty()) {
            throw new InvalidInputException("messageIds", "Choose at least one message to split off.");
        }
        Ticket original = lockVisible(number, agent);
        if (original.getStatus().ended() || original.getMergedIntoId() != null) {
            throw new ConflictException("The ticket is " + original.getStatus() + "; only open tickets can be split.");
        }
        List<Conversation.Message> own = conversation.list(List.of(original.getId()), true);
        java.util.Set<Long> chosen = new java.util.LinkedHashSet<>(messageIds);
        for (Long id : chosen) {
            if (id == null || own.stream().noneMatch(m -> m.id() == id)) {
                throw new InvalidInputException("messageIds", "Message " + id + " is not a message of this ticket.");
            }
        }
        if (chosen.contains(own.get(0).id())) {
            throw new InvalidInputException("messageIds", "The first message is the ticket's description; it stays with the ticket.");
        }
        List<Conversation.Message> moving = own.stream().filter(m -> chosen.contains(m.id())).toList();
        Actor actor = actor(agent);
        Instant now = ClockUtil.now().toInstant();
        String newSubject = subject == null || subject.isBlank()
                ? abbreviate("Split from " + original.getNumber() + ": " + original.getSubject(), 250) : subject.strip();
        Ticket split = Ticket.open(original.getTenantId(), numbers.next(original.getTenantId(), now), newSubject,
                moving.get(0).text(), original.getRequesterName(), original.getRequesterEmail(), original.getChannel(),
                original.getPriority(), original.getCategory(), original.getTags(), original.getCustomFields(), now);
        split.setCustomerId(original.getCustomerId());
        split.setOrganizationId(original.getOrganizationId());
        split.initLanguage(original.getLanguage());
        tickets.insert(split);
        activity.append(split.getId(), actor, "created", now);
        conversation.move(List.copyOf(chosen), original.getId(), split.getId());
        activity.append(split.getId(), actor, "split_from", "splitFrom", null, original.getNumber(), now);
        activity.append(original.getId(), actor, "split_into", "splitInto", null, split.getNumber(), now);
        tickets.link(original.getId(), split.getId(), "SPLIT_INTO", now);
        tickets.link(split.getId(), original.getId(), "SPLIT_FROM", now);
        original.setUpdatedAt(now);
        tickets.update(original);
        workflow.refreshForm(original, transcript(original));
        String processInstanceId = workflow.start(split);
        Ticket started = tickets.lockById(split.getId()).orElseThrow();
        started.setProcessInstanceId(processInstanceId);
        tickets.update(started);
        return started;
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private long customerMessage(Ticket ticket, Actor customer, MessageBody body, Instant now) {
        long id = conversation.add(ticket.getId(), customer, false, body, now);
        activity.append(ticket.getId(), customer, "customer_replied", now);
        if (!ticket.getStatus().withAgent()) {
            ticket.setStatus(TicketStatus.OPEN);
            ticket.setResolvedAt(null);
        }
        ticket.setUpdatedAt(now);
        tickets.update(ticket);
        activity.appendChanges(ticket, customer, now);
        if (ticket.getSnoozedUntil() != null || !ticket.getStatus().withAgent() || workflow.respondTask(ticket).isEmpty()) {
            workflow.customerReplied(ticket);
        } else {
            workflow.refreshForm(ticket, transcript(ticket));
        }
        return id;
    }

    /**
     * Moves the ticket to another status as far as the workflow allows: the agent's turn can end
     * in waiting or resolved (completing "Respond to customer"); a waiting or resolved ticket
     * comes back to the agent (and may go on from there); closing is the process's own business.
     */
    private void changeStatus(Ticket ticket, TicketStatus target, Actor actor, Instant now) {
        TicketStatus current = ticket.getStatus();
        if (current.ended()) {
            throw new ConflictException("The ticket is " + current + "; its status can no longer change.");
        }
        switch (target) {
            case NEW -> throw new ConflictException("A ticket cannot go back to NEW.");
            case CLOSED -> throw new ConflictException("Tickets are closed by the workflow after resolution; resolve it instead.");
            case CANCELLED -> {
                ticket.setStatus(TicketStatus.CANCELLED);
                ticket.setSnoozedUntil(null);
                ticket.setClosedAt(now);
                ticket.setUpdatedAt(now);
                tickets.update(ticket);
                activity.appendChanges(ticket, actor, now);
                workflow.cancelled(ticket);
                return;
            }
            default -> { }
        }
        if (ticket.getSnoozedUntil() != null) {
            if (!target.withAgent()) {
                throw new ConflictException("The ticket is snoozed until " + ticket.getSnoozedUntil() + "; wake it first.");
            }
            setStatus(ticket, target, actor, now);
            workflow.workResumed(ticket);
            return;
        }
        if (current.withAgent()) {
            if (target.withAgent()) {
                setStatus(ticket, target, actor, now);
                workflow.statusChanged(ticket);
                workflow.refreshFormStatus(ticket);
                return;
            }
            Task turn = workflow.respondTask(ticket).orElseThrow(() ->
                    new ConflictException("The ticket's workflow is not waiting for an agent; try again shortly."));
            workflow.completeTurn(turn, AgentResponse.statusOnly(target), actor);
            return;
        }
        // waiting or resolved: back to the agent first
        setStatus(ticket, target.withAgent() ? target : TicketStatus.OPEN, actor, now);
        workflow.workResumed(ticket);
        if (!target.withAgent()) {
            Ticket reopened = tickets.lockById(ticket.getId()).orElseThrow();
            Task turn = workflow.respondTask(reopened).orElseThrow();
            workflow.completeTurn(turn, AgentResponse.statusOnly(target), actor);
        }
    }

    private void setStatus(Ticket ticket, TicketStatus status, Actor actor, Instant now) {
        ticket.setStatus(status);
        if (status != TicketStatus.RESOLVED) {
            ticket.setResolvedAt(null);
        }
        ticket.setUpdatedAt(now);
        tickets.update(ticket);
        activity.appendChanges(ticket, actor, now);
    }

    private static void checkNextStatus(TicketStatus status) {
        if (status != null && !AgentResponse.NEXT_STATUSES.contains(status)) {
            throw new ConflictException("After a reply the ticket can be " + AgentResponse.NEXT_STATUSES
                    + "; use PATCH to cancel it.");
        }
    }

    private long lastMessageId(Ticket ticket) {
        List<Conversation.Message> messages = conversation.list(List.of(ticket.getId()), true);
        return messages.get(messages.size() - 1).id();
    }

    String transcript(Ticket ticket) {
        return conversation.transcript(ticket.getId(), 30, 20_000);
    }

    private Ticket lockVisible(String number, Agent agent) {
        Ticket ticket = visible(tickets.findByNumber(settings.tenant(), number), agent);
        return tickets.lockById(ticket.getId()).orElseThrow();
    }

    private static Ticket visible(Optional<Ticket> ticket, Agent agent) {
        return ticket.filter(t -> TicketVisibility.canSee(agent, t))
                .orElseThrow(() -> new NotFoundException("No ticket with this number."));
    }

    private static boolean hasFieldChanges(Changes c) {
        return c.priority() != null || c.category() != null || c.tags() != null || c.team() != null
                || c.assigneeGiven() || c.customFields() != null || c.language() != null;
    }

    private String existingTeam(String team) {
        if (identity.createGroupQuery().groupId(team).count() == 0) {
            throw new InvalidInputException("team", "Unknown team.");
        }
        return team;
    }

    private String assignableAgent(String userId, String team) {
        if (userId == null) {
            return null;
        }
        if (identity.createUserQuery().userId(userId).count() == 0) {
            throw new InvalidInputException("assignee", "Unknown agent.");
        }
        if (team != null && identity.createUserQuery().userId(userId).memberOfGroup(team).count() == 0) {
            throw new InvalidInputException("assignee", "The agent is not a member of the ticket's team.");
        }
        return userId;
    }

    static Actor actor(Agent agent) {
        return Actor.agent(agent.id(), agent.displayName());
    }
}
