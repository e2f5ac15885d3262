package io.supportflow.automation;

import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Request and response bodies of the admin automation API. */
final class AutomationApi {

    private AutomationApi() {
    }

    record RuleView(long id, String name, boolean enabled, int position, AutomationTrigger trigger, MatchMode match,
            List<Condition> conditions, List<RuleAction> actions, String after) {
        static RuleView of(AutomationRule r) {
            return new RuleView(r.id(), r.name(), r.enabled(), r.position(), r.trigger(), r.match(), r.conditions(), r.actions(),
                    r.after());
        }
    }

    record EnabledBody(@NotNull Boolean enabled) {
    }

    /** A ticket as facts and the event to evaluate; nothing is stored or changed. */
    record DryRunBody(@NotNull TicketFacts ticket, @NotNull AutomationTrigger trigger, MessageFacts message) {
    }

    record DryRunView(long generation, List<ActionPlan.MatchedRule> matchedRules, List<PlannedAction> actions) {
    }
}
