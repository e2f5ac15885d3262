package io.supportflow.automation;

import java.util.Map;

/** An action with its parameters, checked by {@link RuleValidator} (each type has its own parameters). */
public record RuleAction(ActionType type, Map<String, Object> params) {
    public RuleAction {
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    public static RuleAction of(ActionType type, Map<String, Object> params) {
        return new RuleAction(type, params);
    }

    public static RuleAction of(ActionType type) {
        return new RuleAction(type, Map.of());
    }
}
