package io.supportflow.automation;

import static io.supportflow.automation.ConditionOperator.EQUALS;
import static io.supportflow.automation.ConditionOperator.NOT_EQUALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportflow.common.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The businessHours condition and the ready-made auto-responses, without Spring: validation, DRL, planning. */
class BusinessHoursConditionTest {

    final AtomicReference<List<AutomationRule>> stored = new AtomicReference<>(List.of());
    final AutomationEngine engine = new AutomationEngine(stored::get, Map::of);

    static TicketFacts ticket(Boolean inside) {
        return new TicketFacts("SUP-1", "NEW", "MEDIUM", "general", "EMAIL", "general", null, List.of(), "Printer down",
                "It beeps", "robin@example.com", "Robin Doe", null, Map.of(), inside);
    }

    static TicketFacts inLanguage(String language) {
        return new TicketFacts("SUP-1", "NEW", "MEDIUM", "general", "EMAIL", "general", null, List.of(), "Printer down",
                "It beeps", "robin@example.com", "Robin Doe", null, Map.of(), false, language);
    }

    List<PlannedAction> run(Condition condition, RuleAction action, TicketFacts ticket) {
        stored.set(List.of(new AutomationRule(1, "hours", true, 1, AutomationTrigger.TICKET_CREATED, MatchMode.ALL,
                List.of(condition), List.of(action))));
        engine.reload();
        return engine.evaluate(ticket, AutomationEvent.of(AutomationTrigger.TICKET_CREATED));
    }

    static RuleAction tag() {
        return RuleAction.of(ActionType.ADD_TAGS, Map.of("tags", List.of("hit")));
    }

    @Test
    void insideAndOutsideFollowTheFacts() {
        Condition outside = Condition.of("businessHours", EQUALS, "outside");
        Condition inside = Condition.of("businessHours", EQUALS, "inside");
        assertThat(run(outside, tag(), ticket(false))).hasSize(1);
        assertThat(run(outside, tag(), ticket(true))).isEmpty();
        assertThat(run(inside, tag(), ticket(true))).hasSize(1);
        assertThat(run(inside, tag(), ticket(false))).isEmpty();
        assertThat(run(Condition.of("businessHours", NOT_EQUALS, "inside"), tag(), ticket(false))).hasSize(1);
        // unknown (no calendar consulted): neither inside nor outside
        assertThat(run(outside, tag(), ticket(null))).isEmpty();
        assertThat(run(inside, tag(), ticket(null))).isEmpty();
    }

    @Test
    void theGeneratedDrlNamesOnlyTheConditionIndexNeverTheValue() {
        run(Condition.of("businessHours", EQUALS, "outside"), tag(), ticket(false));
        assertThat(engine.current().drl()).contains("conditions.test(1L, 0, $ticket, $event)").doesNotContain("outside");
    }

    @Test
    void onlyEqualityWithInsideOrOutsideIsAccepted() {
        assertThatThrownBy(() -> RuleValidator.condition("c", Condition.of("businessHours", ConditionOperator.CONTAINS, "in")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("EQUALS or NOT_EQUALS");
        assertThatThrownBy(() -> RuleValidator.condition("c", Condition.of("businessHours", EQUALS, "closed")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("inside, outside");
        assertThatThrownBy(() -> RuleValidator.condition("c", Condition.of("businessHours", ConditionOperator.IN, "inside", "outside")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> RuleValidator.condition("c", Condition.of("businessHours", ConditionOperator.IS_EMPTY)))
                .isInstanceOf(InvalidInputException.class);
        RuleValidator.condition("c", Condition.of("businessHours", NOT_EQUALS, "outside"));
    }

    @Test
    void theOutsideHoursResponseIsRenderedInEnglishByDefaultAndInFrench() {
        Condition outside = Condition.of("businessHours", EQUALS, "outside");
        PlannedAction english = run(outside, RuleAction.of(ActionType.SEND_REPLY, Map.of("response", "outside_business_hours")),
                ticket(false)).get(0);
        assertThat((String) english.params().get("text")).startsWith("Hello Robin Doe,")
                .contains("\"Printer down\"", "outside our business hours", "SUP-1").doesNotContain("{{");
        PlannedAction french = run(outside, RuleAction.of(ActionType.SEND_REPLY,
                Map.of("response", "outside_business_hours", "language", "fr")), ticket(false)).get(0);
        assertThat((String) french.params().get("text")).startsWith("Bonjour Robin Doe,")
                .contains("« Printer down »", "en dehors de nos heures d'ouverture", "SUP-1").doesNotContain("{{");
        // without a language in the rule: the ticket's, English when there are no texts in it
        assertThat((String) run(outside, RuleAction.of(ActionType.SEND_REPLY, Map.of("response", "outside_business_hours")),
                inLanguage("fr")).get(0).params().get("text")).startsWith("Bonjour Robin Doe,");
        assertThat((String) run(outside, RuleAction.of(ActionType.SEND_REPLY, Map.of("response", "outside_business_hours")),
                inLanguage("de")).get(0).params().get("text")).startsWith("Hello Robin Doe,");
        assertThat((String) run(outside, RuleAction.of(ActionType.SEND_REPLY,
                Map.of("response", "outside_business_hours", "language", "en")), inLanguage("fr")).get(0).params().get("text"))
                .as("the rule's language wins").startsWith("Hello Robin Doe,");
    }

    @Test
    void readyMadeResponsesAreChecked() {
        assertThatThrownBy(() -> RuleValidator.action("a", RuleAction.of(ActionType.SEND_REPLY, Map.of("response", "holiday"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("outside_business_hours");
        assertThatThrownBy(() -> RuleValidator.action("a", RuleAction.of(ActionType.SEND_REPLY,
                Map.of("response", "outside_business_hours", "language", "de"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("en, fr");
        Map<String, Object> both = new HashMap<>(Map.of("response", "outside_business_hours", "template", "Hi"));
        assertThatThrownBy(() -> RuleValidator.action("a", RuleAction.of(ActionType.SEND_REPLY, both)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown parameter");
        Map<String, Object> nullLanguage = new HashMap<>();
        nullLanguage.put("response", "outside_business_hours");
        nullLanguage.put("language", null);
        assertThatThrownBy(() -> RuleValidator.action("a", RuleAction.of(ActionType.SEND_REPLY, nullLanguage)))
                .isInstanceOf(InvalidInputException.class);
    }
}
