package io.supportflow.ai;

import io.supportflow.common.InvalidInputException;
import io.supportflow.common.NotFoundException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Per team: is the autonomous agent on (off unless an administrator switched it on), and how confident must it be. */
@Service
@Transactional
class AiTeams {

    record Setting(String team, boolean autonomousAgent, double confidenceThreshold) {
    }

    private final AiStore store;
    private final AiSettings settings;
    private final IdentityService identity;
    private final String tenant;

    AiTeams(AiStore store, AiSettings settings, IdentityService identity, @Value("${supportflow.tickets.tenant:default}") String tenant) {
        this.store = store;
        this.settings = settings;
        this.identity = identity;
        this.tenant = tenant;
    }

    @Transactional(readOnly = true)
    Setting of(String team) {
        return store.teamSetting(tenant, team).map(s -> new Setting(team, s.agentEnabled(), s.confidenceThreshold()))
                .orElse(new Setting(team, false, settings.agent().confidenceThreshold()));
    }

    @Transactional(readOnly = true)
    List<Setting> all() {
        return store.teamSettings(tenant).stream()
                .map(s -> new Setting(s.team(), s.agentEnabled(), s.confidenceThreshold())).toList();
    }

    Setting put(String team, boolean enabled, Double threshold, String by) {
        if (identity.createGroupQuery().groupId(team).count() == 0) {
            throw new NotFoundException("No team with this id.");
        }
        double value = threshold == null ? settings.agent().confidenceThreshold() : threshold;
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidInputException("confidenceThreshold", "A confidence threshold is between 0 and 1.");
        }
        store.putTeamSetting(tenant, team, enabled, value, by, ClockUtil.now().toInstant());
        return of(team);
    }
}
