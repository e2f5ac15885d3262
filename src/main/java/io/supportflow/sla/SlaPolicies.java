package io.supportflow.sla;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Evaluates the latest deployed version of rules/sla-policy.dmn, so a process owner's new table
 * applies to the next ticket without a restart.
 */
@Component
class SlaPolicies {

    static final String DECISION_KEY = "SlaPolicy";

    record Facts(String priority, String customerTier, String team, String channel) {
    }

    private final DecisionService decisions;

    SlaPolicies(DecisionService decisions) {
        this.decisions = decisions;
    }

    SlaPolicy choose(Facts facts) {
        var result = EngineCalls.withoutAuthorization(() -> decisions.evaluateDecisionTableByKey(DECISION_KEY,
                Variables.createVariables().putValue("priority", facts.priority()).putValue("customerTier", facts.customerTier())
                        .putValue("team", facts.team()).putValue("channel", facts.channel())));
        DmnDecisionRuleResult row = result.getFirstResult();
        if (row == null) {
            throw new IllegalStateException("The SLA policy table has no row for " + facts + "; its last row should catch every ticket.");
        }
        return of(row.getEntryMap());
    }

    static SlaPolicy of(Map<String, Object> row) {
        String calendar = (String) row.get("calendar");
        Object warn = row.get("warnAtPercent");
        int warnAt = warn == null ? 75 : ((Number) warn).intValue();
        if (warnAt < 1 || warnAt > 100) {
            throw new IllegalArgumentException("SLA policy: warnAtPercent must be between 1 and 100, was " + warnAt);
        }
        String escalation = (String) row.get("escalation");
        return new SlaPolicy((String) row.get("policy"),
                SlaPolicy.duration("firstResponse", (String) row.get("firstResponse")),
                SlaPolicy.duration("nextResponse", (String) row.get("nextResponse")),
                SlaPolicy.duration("resolution", (String) row.get("resolution")),
                !Boolean.FALSE.equals(row.get("businessHours")),
                calendar == null || calendar.isBlank() ? null : calendar.strip(),
                warnAt, SlaPolicy.escalation(escalation), escalation == null ? "" : escalation.strip());
    }
}
