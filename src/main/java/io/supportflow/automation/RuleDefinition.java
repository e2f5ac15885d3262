package io.supportflow.automation;

import java.util.List;

/** What an admin writes: everything about a rule except its id and place in the order. */
public record RuleDefinition(String name, Boolean enabled, AutomationTrigger trigger, MatchMode match,
        List<Condition> conditions, List<RuleAction> actions) {
    public RuleDefinition {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        actions = actions == null ? List.of() : List.copyOf(actions);
        match = match == null ? MatchMode.ALL : match;
        enabled = enabled == null ? Boolean.TRUE : enabled;
    }
}
