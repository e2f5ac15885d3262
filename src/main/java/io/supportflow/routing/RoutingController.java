package io.supportflow.routing;

import io.supportflow.identity.CurrentAgent;
import io.supportflow.routing.RoutingAdministration.AgentRouting;
import io.supportflow.routing.RoutingAdministration.TeamRouting;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "Assignment", description = "How a team's new tickets get an agent (manual, round-robin, least-loaded, skills), "
        + "and agents' availability and skills. Agents set their own availability; the rest is for admins.")
@SecurityRequirement(name = "basic")
class RoutingController {

    static final String ID = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}";

    record StrategyBody(@NotNull AssignmentStrategy strategy) {
    }

    record AvailabilityBody(@NotNull Boolean available) {
    }

    private final RoutingAdministration administration;
    private final CurrentAgent currentAgent;

    RoutingController(RoutingAdministration administration, CurrentAgent currentAgent) {
        this.administration = administration;
        this.currentAgent = currentAgent;
    }

    @GetMapping("/api/v1/agents/me/availability")
    @Operation(summary = "Your availability and skills; away agents get no tickets by assignment")
    AgentRouting myAvailability() {
        return administration.agent(currentAgent.get().id());
    }

    @PutMapping("/api/v1/agents/me/availability")
    @Operation(summary = "Mark yourself available or away: {\"available\": true|false}")
    AgentRouting setMyAvailability(@RequestBody @Valid AvailabilityBody body) {
        return administration.setAvailable(currentAgent.get().id(), body.available());
    }

    @GetMapping("/api/v1/admin/teams/{team}/assignment")
    TeamRouting team(@PathVariable @Pattern(regexp = ID) String team) {
        return administration.team(team);
    }

    @PutMapping("/api/v1/admin/teams/{team}/assignment")
    @Operation(summary = "Set a team's assignment strategy: MANUAL, ROUND_ROBIN, LEAST_LOADED or SKILLS")
    TeamRouting setStrategy(@PathVariable @Pattern(regexp = ID) String team, @RequestBody @Valid StrategyBody body) {
        return administration.setStrategy(team, body.strategy());
    }

    @GetMapping("/api/v1/admin/agents/{agent}/routing")
    AgentRouting agent(@PathVariable @Pattern(regexp = ID) String agent) {
        return administration.agent(agent);
    }

    @PutMapping("/api/v1/admin/agents/{agent}/availability")
    @Operation(summary = "Mark an agent available or away")
    AgentRouting setAvailability(@PathVariable @Pattern(regexp = ID) String agent, @RequestBody @Valid AvailabilityBody body) {
        return administration.setAvailable(agent, body.available());
    }

    @PutMapping("/api/v1/admin/agents/{agent}/skills")
    @Operation(summary = "Replace an agent's skills: category codes, tags, or lang:<code> (matched by the SKILLS strategy)")
    AgentRouting setSkills(@PathVariable @Pattern(regexp = ID) String agent, @RequestBody @NotNull @Size(max = 50) List<String> skills) {
        return administration.setSkills(agent, skills);
    }
}
