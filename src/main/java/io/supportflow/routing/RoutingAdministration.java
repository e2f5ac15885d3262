package io.supportflow.routing;

import io.supportflow.common.InvalidInputException;
import io.supportflow.common.NotFoundException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams' strategies, agents' availability and skills. */
@Service
@Transactional
class RoutingAdministration {

    static final Pattern SKILL = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,49}");
    static final int MAX_SKILLS = 50;

    record AgentRouting(String agent, boolean available, List<String> skills) {
    }

    record TeamRouting(String team, AssignmentStrategy strategy) {
    }

    private final RoutingRepository routing;
    private final TeamMembers members;
    private final IdentityService identity;
    private final String tenantId;

    RoutingAdministration(RoutingRepository routing, TeamMembers members, IdentityService identity,
            @Value("${supportflow.tickets.tenant:default}") String tenantId) {
        this.routing = routing;
        this.members = members;
        this.identity = identity;
        this.tenantId = tenantId;
    }

    @Transactional(readOnly = true)
    TeamRouting team(String team) {
        existingTeam(team);
        return new TeamRouting(team, routing.strategy(tenantId, team));
    }

    TeamRouting setStrategy(String team, AssignmentStrategy strategy) {
        existingTeam(team);
        routing.setStrategy(tenantId, team, strategy);
        return new TeamRouting(team, strategy);
    }

    @Transactional(readOnly = true)
    AgentRouting agent(String agentId) {
        existingAgent(agentId);
        RoutingRepository.AgentRow row = routing.agent(tenantId, agentId);
        return new AgentRouting(agentId, row.available(), row.skills());
    }

    AgentRouting setAvailable(String agentId, boolean available) {
        existingAgent(agentId);
        routing.setAvailable(tenantId, agentId, available);
        return agent(agentId);
    }

    AgentRouting setSkills(String agentId, List<String> skills) {
        existingAgent(agentId);
        if (skills.size() > MAX_SKILLS) {
            throw new InvalidInputException("skills", "At most " + MAX_SKILLS + " skills.");
        }
        Set<String> clean = new LinkedHashSet<>();
        for (String skill : skills) {
            String s = skill == null ? "" : skill.strip().toLowerCase(Locale.ROOT);
            if (!SKILL.matcher(s).matches()) {
                throw new InvalidInputException("skills", "Skills are 1-50 lower-case letters, digits, '_', '.', ':' or '-' "
                        + "(a category, a tag, or lang:<code>).");
            }
            clean.add(s);
        }
        routing.setSkills(tenantId, agentId, clean);
        return agent(agentId);
    }

    private void existingTeam(String team) {
        if (!members.teamExists(team)) {
            throw new NotFoundException("No team " + team + ".");
        }
    }

    private void existingAgent(String agentId) {
        if (!members.asSystem(() -> identity.createUserQuery().userId(agentId).count() > 0)) {
            throw new NotFoundException("No agent " + agentId + ".");
        }
    }
}
