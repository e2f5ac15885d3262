package io.supportflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** rules/sla-policy.dmn as shipped, and how a policy row is read. */
class SlaPolicyTest {

    static DmnEngine dmn;
    static DmnDecision decision;

    @BeforeAll
    static void loadTable() throws Exception {
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = Files.newInputStream(Path.of("rules/sla-policy.dmn"))) {
            decision = dmn.parseDecision(SlaPolicies.DECISION_KEY, in);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "CRITICAL, STANDARD, Critical (24/7),                       PT30M, PT1H,  PT2H,   false",
            "CRITICAL, GOLD,     Critical (24/7),                       PT30M, PT1H,  PT2H,   false",
            "URGENT,   GOLD,     'Urgent, premium customer',            PT30M, PT1H,  PT4H,   true",
            "URGENT,   STANDARD, Urgent,                                PT1H,  PT2H,  PT4H,   true",
            "HIGH,     GOLD,     High,                                  PT4H,  PT8H,  PT24H,  true",
            "MEDIUM,   STANDARD, Medium,                                PT8H,  PT24H, PT72H,  true",
            "LOW,      STANDARD, Low (and anything not matched above),  PT24H, PT48H, PT168H, true"})
    void theDefaultTableGivesEachPriorityItsTargets(String priority, String tier, String name, Duration first, Duration next,
            Duration resolution, boolean business) {
        SlaPolicy policy = evaluate(priority, tier);
        assertThat(policy.name()).isEqualTo(name);
        assertThat(policy.firstResponse()).isEqualTo(first);
        assertThat(policy.nextResponse()).isEqualTo(next);
        assertThat(policy.resolution()).isEqualTo(resolution);
        assertThat(policy.businessHours()).isEqualTo(business);
        assertThat(policy.warnAtPercent()).isEqualTo(75);
        assertThat(policy.calendarTeam()).as("the ticket's team calendar").isNull();
        assertThat(policy.escalation()).isNotEmpty();
        assertThat(policy.escalation().get(0).offset()).isZero();
        assertThat(policy.escalation().get(0).notifyTeam()).isTrue();
    }

    @Test
    void criticalIsTighterThanUrgentAndFirstResponseIsAFractionOfResolution() {
        assertThat(evaluate("CRITICAL", "STANDARD").resolution()).isLessThan(evaluate("URGENT", "STANDARD").resolution());
        for (String priority : new String[] {"LOW", "MEDIUM", "HIGH", "URGENT", "CRITICAL"}) {
            SlaPolicy policy = evaluate(priority, "STANDARD");
            assertThat(policy.firstResponse()).isLessThan(policy.resolution());
        }
    }

    @Test
    void escalationLevelsReadOffsetsAndActions() {
        var levels = SlaPolicy.escalation(" PT0S notify ; PT2H raise-priority, team:tier2 ;PT4H ");
        assertThat(levels).hasSize(3);
        assertThat(levels.get(0)).isEqualTo(new SlaPolicy.EscalationLevel(Duration.ZERO, true, false, null));
        assertThat(levels.get(1)).isEqualTo(new SlaPolicy.EscalationLevel(Duration.ofHours(2), false, true, "tier2"));
        assertThat(levels.get(2)).isEqualTo(new SlaPolicy.EscalationLevel(Duration.ofHours(4), false, false, null));
        assertThat(SlaPolicy.escalation("")).isEmpty();
        assertThat(SlaPolicy.escalation(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"notify", "PT1H shout", "-PT1H notify", "PT2H notify; PT1H notify", "PT1H team:", "2 hours notify"})
    void aBadEscalationIsRefusedWithTheReason(String text) {
        assertThatThrownBy(() -> SlaPolicy.escalation(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SLA policy: ");
    }

    @Test
    void aBadRowIsRefusedWithTheReason() {
        Map<String, Object> row = new HashMap<>(Map.of("policy", "X", "firstResponse", "PT1H", "nextResponse", "PT1H",
                "resolution", "PT4H", "businessHours", true, "warnAtPercent", 75, "escalation", ""));
        assertThat(SlaPolicies.of(row).resolution()).isEqualTo(Duration.ofHours(4));
        row.put("resolution", "4 hours");
        assertThatThrownBy(() -> SlaPolicies.of(row)).hasMessageContaining("resolution is not an ISO-8601 duration");
        row.put("resolution", "PT0S");
        assertThatThrownBy(() -> SlaPolicies.of(row)).hasMessageContaining("resolution must be positive");
        row.put("resolution", "PT4H");
        row.put("warnAtPercent", 150);
        assertThatThrownBy(() -> SlaPolicies.of(row)).hasMessageContaining("warnAtPercent");
    }

    private static SlaPolicy evaluate(String priority, String tier) {
        Map<String, Object> facts = Map.of("priority", priority, "customerTier", tier, "team", "general", "channel", "EMAIL");
        return SlaPolicies.of(dmn.evaluateDecisionTable(decision, facts).getFirstResult().getEntryMap());
    }
}
