package io.supportflow.automation;

import java.util.List;

/**
 * A stored automation rule. Rules are evaluated in ascending {@code position} (ties: by id).
 */
public record AutomationRule(long id, String name, boolean enabled, int position, AutomationTrigger trigger,
        MatchMode match, List<Condition> conditions, List<RuleAction> actions, String after) {

    public AutomationRule(long id, String name, boolean enabled, int position, AutomationTrigger trigger,
            MatchMode match, List<Condition> conditions, List<RuleAction> actions) {
        this(id, name, enabled, position, trigger, match, conditions, actions, null);
    }

    public AutomationRule {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        actions = actions == null ? List.of() : List.copyOf(actions);
        match = match == null ? MatchMode.ALL : match;
    }

    public static AutomationRule of(long id, int position, RuleDefinition d) {
        return new AutomationRule(id, d.name(), d.enabled(), position, d.trigger(), d.match(), d.conditions(), d.actions(), d.after());
    }

    public RuleDefinition definition() {
        return new RuleDefinition(name, enabled, trigger, match, conditions, actions, after);
    }

    public AutomationRule withEnabled(boolean value) {
        return new AutomationRule(id, name, value, position, trigger, match, conditions, actions, after);
    }

    public AutomationRule withPosition(int value) {
        return new AutomationRule(id, name, enabled, value, trigger, match, conditions, actions, after);
    }
}
