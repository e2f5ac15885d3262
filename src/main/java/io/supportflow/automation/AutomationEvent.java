package io.supportflow.automation;

/**
 * What happened, for one evaluation.
 *
 * <p>Loop prevention: when the caller applies a {@link PlannedAction} and that change raises a new event
 * (e.g. SET_PRIORITY raises PRIORITY_CHANGED), it evaluates the new event with
 * {@link #causedBy(PlannedAction)}: the rule that caused it is skipped for that event, and the chain
 * depth grows by one. At {@link AutomationEngine#MAX_CHAIN_DEPTH} the engine plans nothing, so a chain of
 * rules that trigger each other ends.
 *
 * @param causedByRuleId the rule whose action raised this event, null for events of people or the system
 * @param depth          0 for events of people or the system, parent depth + 1 for events caused by a rule
 */
public record AutomationEvent(AutomationTrigger trigger, MessageFacts message, String causedByRuleId, int depth) {

    public AutomationEvent {
        if (trigger == null) {
            throw new IllegalArgumentException("trigger is required");
        }
        if (depth < 0) {
            throw new IllegalArgumentException("depth must not be negative");
        }
    }

    public static AutomationEvent of(AutomationTrigger trigger) {
        return new AutomationEvent(trigger, null, null, 0);
    }

    public static AutomationEvent message(AutomationTrigger trigger, MessageFacts message) {
        return new AutomationEvent(trigger, message, null, 0);
    }

    /** The event raised by applying {@code action}, one level deeper in the chain. */
    public AutomationEvent causedBy(AutomationTrigger next, MessageFacts nextMessage, PlannedAction action) {
        return new AutomationEvent(next, nextMessage, action.ruleId(), depth + 1);
    }

    public boolean causedBy(String ruleId) {
        return ruleId != null && ruleId.equals(causedByRuleId);
    }
}
