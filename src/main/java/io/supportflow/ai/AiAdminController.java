package io.supportflow.ai;

import io.supportflow.identity.CurrentAgent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/ai")
@Validated
@Tag(name = "AI administration", description = "Which provider answers, and per team the autonomous knowledge-base agent")
@SecurityRequirement(name = "basic")
class AiAdminController {

    static final String TEAM_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$";

    record TeamSetting(@NotNull Boolean autonomousAgent,
                       @DecimalMin("0.0") @DecimalMax("1.0") Double confidenceThreshold) {
    }

    record Status(String provider, List<AiTeams.Setting> teams) {
    }

    private final AiTeams teams;
    private final AiGateway gateway;
    private final CurrentAgent currentAgent;

    AiAdminController(AiTeams teams, AiGateway gateway, CurrentAgent currentAgent) {
        this.teams = teams;
        this.gateway = gateway;
        this.currentAgent = currentAgent;
    }

    @GetMapping
    @Operation(summary = "The provider in use and the teams whose agent settings were changed")
    Status status() {
        return new Status(gateway.providerName(), teams.all());
    }

    @GetMapping("/teams/{team}")
    AiTeams.Setting team(@PathVariable @Pattern(regexp = TEAM_PATTERN) String team) {
        return teams.of(team);
    }

    @PutMapping("/teams/{team}")
    @Operation(summary = "Switch the autonomous agent on or off for a team, with its confidence threshold (default 0.7)")
    AiTeams.Setting put(@PathVariable @Pattern(regexp = TEAM_PATTERN) String team, @Valid @RequestBody TeamSetting body) {
        return teams.put(team, body.autonomousAgent(), body.confidenceThreshold(), currentAgent.get().id());
    }
}
