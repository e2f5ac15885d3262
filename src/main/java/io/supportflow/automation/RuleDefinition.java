package io.supportflow.automation;

import java.util.List;

/**
 * What an admin writes: everything about a rule except its id and place in the order.
 *
 * @param after time-based triggers only: how long the state must last, ISO-8601 ("PT30M", "P3D")
 */
public record RuleDefinition(String name, Boolean enabled, AutomationTrigger trigger, MatchMode match,
        List<Condition> conditions, List<RuleAction> actions, String after) {

    public RuleDefinition(String name, Boolean enabled, AutomationTrigger trigger, MatchMode match,
            List<Condition> conditions, List<RuleAction> actions) {
        this(name, enabled, trigger, match, conditions, actions, null);
    }

    public RuleDefinition {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        actions = actions == null ? List.of() : List.copyOf(actions);
        match = match == null ? MatchMode.ALL : match;
        enabled = enabled == null ? Boolean.TRUE : enabled;
    }
}
