package io.supportflow.ticket;

import io.supportflow.common.InvalidInputException;
import io.supportflow.customer.CustomerDirectory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the ticket process does to the ticket row, called by the delegates in
 * {@link TicketLifecycleDelegates}. Runs inside the engine's transaction.
 */
@Service
@Transactional
class TicketProcessSteps {

    record FormView(String number, String subject, String requester, Priority priority, TicketStatus status,
                    String transcript, List<String> tags, String assignee) {
    }

    private final TicketRepository tickets;
    private final ActivityLog activity;
    private final Conversation conversation;
    private final TicketFieldRules rules;
    private final TicketSettings settings;
    private final CustomerDirectory customers;
    private final IdentityService identity;
    private final RoutingExplanation routing;

    TicketProcessSteps(TicketRepository tickets, ActivityLog activity, Conversation conversation, TicketFieldRules rules,
            TicketSettings settings, CustomerDirectory customers, IdentityService identity,
            RoutingExplanation routing) {
        this.routing = routing;
        this.tickets = tickets;
        this.activity = activity;
        this.conversation = conversation;
        this.rules = rules;
        this.settings = settings;
        this.customers = customers;
        this.identity = identity;
    }

    /** The facts the routing table decides on: text values, and the tags as a list (rules test it with list contains). */
    Map<String, Object> routingFacts(long ticketId) {
        Ticket t = tickets.findById(ticketId).orElseThrow();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("category", t.getCategory());
        facts.put("priority", t.getPriority().name());
        facts.put("channel", t.getChannel().name());
        facts.put("customerTier", customers.findByEmail(t.getTenantId(), t.getRequesterEmail())
                .map(CustomerDirectory.KnownCustomer::tier).orElse("STANDARD"));
        facts.put("language", t.getLanguage() == null ? settings.defaultLanguage() : t.getLanguage());
        facts.put("tags", List.copyOf(t.getTags()));
        return facts;
    }

    String assignTeam(long ticketId, String decided) {
        Ticket t = tickets.lockById(ticketId).orElseThrow();
        Instant now = now();
        boolean known = decided != null && identity.createGroupQuery().groupId(decided).count() > 0;
        String team = known ? decided : settings.fallbackTeam();
        t.setTeam(team);
        t.setUpdatedAt(now);
        tickets.update(t);
        routing.take().ifPresent(why -> activity.append(ticketId, Actor.SYSTEM, "routing_explained", "team", null, why, now));
        activity.append(ticketId, Actor.SYSTEM, known ? "routed" : "routed_to_fallback", "team", decided, team, now);
        t.drainChanges();
        return team;
    }

    FormView formView(long ticketId) {
        Ticket t = tickets.findById(ticketId).orElseThrow();
        return new FormView(t.getNumber(), t.getSubject(), t.getRequesterName() + " <" + t.getRequesterEmail() + ">",
                t.getPriority(), t.getStatus(), conversation.transcript(ticketId, 30, 20_000), t.getTags(), t.getAssignee());
    }

    void taskAssigned(long ticketId, String assignee, Actor actor) {
        Ticket t = tickets.lockById(ticketId).orElseThrow();
        if (Objects.equals(t.getAssignee(), assignee)) {
            return;
        }
        Instant now = now();
        t.setAssignee(assignee);
        t.setUpdatedAt(now);
        tickets.update(t);
        activity.appendChanges(t, actor, now);
    }

    /**
     * The one code path of an agent's turn, from Tasklist and from the API alike: records the
     * reply and the note, applies priority and tags, and decides the next status.
     */
    TicketStatus applyResponse(long ticketId, AgentResponse response, Actor agent) {
        Ticket t = tickets.lockById(ticketId).orElseThrow();
        Instant now = now();
        TicketStatus next = response.nextStatus() != null ? response.nextStatus()
                : t.getStatus() == TicketStatus.NEW ? TicketStatus.OPEN : t.getStatus();
        if (!AgentResponse.NEXT_STATUSES.contains(next)) {
            throw new InvalidInputException("nextStatus", "After a response the ticket can be " + AgentResponse.NEXT_STATUSES + ".");
        }
        String reply = rules.body("reply", response.reply());
        String note = rules.body("internalNote", response.internalNote());
        if (reply != null) {
            conversation.add(ticketId, agent, false, MessageBody.of(reply, response.format()), now);
            activity.append(ticketId, agent, "reply_added", now);
            if (t.getFirstRespondedAt() == null) {
                t.setFirstRespondedAt(now);
            }
        }
        if (note != null) {
            conversation.add(ticketId, agent, true, MessageBody.of(note, response.format()), now);
            activity.append(ticketId, agent, "note_added", now);
        }
        if (response.priority() != null) {
            t.setPriority(response.priority());
        }
        if (response.tags() != null) {
            t.setTags(rules.tags(response.tags()));
        }
        t.setStatus(next);
        t.setResolvedAt(next == TicketStatus.RESOLVED ? now : null);
        t.setUpdatedAt(now);
        tickets.update(t);
        activity.appendChanges(t, agent, now);
        return next;
    }

    void endSnooze(long ticketId) {
        Ticket t = tickets.lockById(ticketId).orElseThrow();
        Instant now = now();
        t.setSnoozedUntil(null);
        t.setUpdatedAt(now);
        tickets.update(t);
        activity.appendChanges(t, Actor.SYSTEM, now);
    }

    void remindCustomer(long ticketId) {
        activity.append(ticketId, Actor.SYSTEM, "customer_reminded", now());
    }

    void close(long ticketId) {
        Ticket t = tickets.lockById(ticketId).orElseThrow();
        Instant now = now();
        t.setStatus(TicketStatus.CLOSED);
        t.setClosedAt(now);
        t.setUpdatedAt(now);
        tickets.update(t);
        activity.appendChanges(t, Actor.SYSTEM, now);
    }

    Actor agent(String userId) {
        if (userId == null) {
            return Actor.SYSTEM;
        }
        var user = identity.createUserQuery().userId(userId).singleResult();
        String name = user == null ? userId
                : ((user.getFirstName() == null ? "" : user.getFirstName()) + " " + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return Actor.agent(userId, name.isEmpty() ? userId : name);
    }

    private static Instant now() {
        return ClockUtil.now().toInstant();
    }
}
