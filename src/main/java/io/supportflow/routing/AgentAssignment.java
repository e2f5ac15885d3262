package io.supportflow.routing;

import io.supportflow.ticket.Actor;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketCommands.Changes;
import io.supportflow.ticket.TicketService;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives a ticket that has just been routed to a team an agent, by the team's strategy, through the ticket
 * service (so the assignment is logged with the strategy as its actor, and the task follows). The team's row
 * stays locked until the commit, so two tickets of one team are assigned one after the other: round-robin
 * cannot hand both to the same agent, and least-loaded counts the previous assignment.
 */
@Service
@Transactional
class AgentAssignment {


    private final RoutingRepository routing;
    private final TeamMembers members;
    private final TicketService tickets;
    private final String tenantId;

    AgentAssignment(RoutingRepository routing, TeamMembers members, TicketService tickets,
            @Value("${supportflow.tickets.tenant:default}") String tenantId) {
        this.routing = routing;
        this.members = members;
        this.tickets = tickets;
        this.tenantId = tenantId;
    }

    void assign(long ticketId) {
        Ticket ticket = tickets.findById(ticketId).orElse(null);
        if (ticket == null || ticket.getTeam() == null || ticket.getAssignee() != null || ticket.getStatus().ended()) {
            return;
        }
        Optional<RoutingRepository.TeamRow> team = routing.lockAssigningTeam(tenantId, ticket.getTeam());
        if (team.isEmpty() || team.get().strategy() == AssignmentStrategy.MANUAL) {
            return;
        }
        AssignmentStrategy strategy = team.get().strategy();
        Actor actor = Actor.system("routing:" + strategy.name().toLowerCase(Locale.ROOT), label(strategy));
        List<String> available = available(ticket.getTeam());
        Optional<String> agent = switch (strategy) {
            case ROUND_ROBIN -> AgentPicker.roundRobin(available, team.get().lastAgent());
            case LEAST_LOADED -> AgentPicker.leastLoaded(available, tickets.openTicketsByAssignee(available));
            case SKILLS -> AgentPicker.bySkills(available, skills(available), wanted(ticket), tickets.openTicketsByAssignee(available));
            case MANUAL -> Optional.empty();
        };
        if (agent.isEmpty()) {
            tickets.recordActivity(ticketId, actor, "assignment_skipped", "team", null, ticket.getTeam());
            return;
        }
        routing.setLastAgent(tenantId, ticket.getTeam(), agent.get());
        members.asSystem(() -> tickets.updateById(ticketId, Changes.none().withAssignee(agent.get()), actor));
    }

    private List<String> available(String team) {
        List<String> all = members.of(team);
        Map<String, RoutingRepository.AgentRow> rows = routing.agents(tenantId, all);
        return all.stream().filter(a -> !rows.containsKey(a) || rows.get(a).available()).toList();
    }

    private Map<String, Set<String>> skills(List<String> agents) {
        Map<String, Set<String>> skills = new java.util.HashMap<>();
        routing.agents(tenantId, agents).forEach((id, row) -> skills.put(id, Set.copyOf(row.skills())));
        return skills;
    }

    /** What a ticket asks for: its category, its tags and "lang:" + its language (e.g. lang:fr). */
    static Set<String> wanted(Ticket ticket) {
        Set<String> wanted = new HashSet<>(ticket.getTags());
        wanted.add(ticket.getCategory());
        if (ticket.getLanguage() != null) {
            wanted.add("lang:" + ticket.getLanguage());
        }
        return wanted;
    }

    private static String label(AssignmentStrategy strategy) {
        return switch (strategy) {
            case ROUND_ROBIN -> "Round-robin assignment";
            case LEAST_LOADED -> "Least-loaded assignment";
            case SKILLS -> "Skills assignment";
            case MANUAL -> "Manual assignment";
        };
    }
}
