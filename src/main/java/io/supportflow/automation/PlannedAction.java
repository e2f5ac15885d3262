package io.supportflow.automation;

import java.util.Map;

/**
 * An action the caller should apply through the ticket service, in list order.
 *
 * @param ruleId stored rules: their id as text ("12"); rules from DRL files: "drl:" + the DRL rule name
 */
public record PlannedAction(String ruleId, String ruleName, ActionType action, Map<String, Object> params) {
    public PlannedAction {
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}
