package io.supportflow.automation;

import static io.supportflow.automation.ConditionOperator.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportflow.common.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;

/** The engine without Spring: conditions, order, STOP_PROCESSING, loops, broken sets, injection, hot swap. */
class AutomationEngineTest {

    static final TicketFacts TICKET = new TicketFacts("T-1", "OPEN", "HIGH", "billing", "EMAIL", "finance", null,
            List.of("vip", "eu"), "Refund for order 42", "Please refund my last invoice", "robin@example.com",
            "Robin Doe", "Acme", Map.of("plan", "Pro", "seats", 12));
    static final AutomationEvent CREATED = AutomationEvent.of(AutomationTrigger.TICKET_CREATED);

    final AtomicReference<List<AutomationRule>> stored = new AtomicReference<>(List.of());
    final AtomicReference<Map<String, String>> files = new AtomicReference<>(Map.of());
    final AutomationEngine engine = new AutomationEngine(stored::get, files::get);

    static AutomationRule rule(long id, int position, MatchMode match, List<Condition> conditions, RuleAction... actions) {
        return new AutomationRule(id, "rule " + id, true, position, AutomationTrigger.TICKET_CREATED, match, conditions,
                List.of(actions));
    }

    static RuleAction tag(String tag) {
        return RuleAction.of(ActionType.ADD_TAGS, Map.of("tags", List.of(tag)));
    }

    List<PlannedAction> run(List<AutomationRule> rules, TicketFacts ticket, AutomationEvent event) {
        stored.set(rules);
        engine.reload();
        return engine.evaluate(ticket, event);
    }

    boolean matches(Condition condition, TicketFacts ticket, AutomationEvent event) {
        return !run(List.of(rule(1, 1, MatchMode.ALL, List.of(condition), tag("hit"))), ticket, event).isEmpty();
    }

    static List<Arguments> operators() {
        MessageFacts message = new MessageFacts("My printer is on fire", "CUSTOMER", false);
        return List.of(
                Arguments.of(Condition.of("status", EQUALS, "OPEN"), true),
                Arguments.of(Condition.of("status", EQUALS, "NEW"), false),
                Arguments.of(Condition.of("status", NOT_EQUALS, "NEW"), true),
                Arguments.of(Condition.of("priority", IN, "LOW", "HIGH"), true),
                Arguments.of(Condition.of("priority", NOT_IN, "LOW", "HIGH"), false),
                Arguments.of(Condition.of("channel", EQUALS, "EMAIL"), true),
                Arguments.of(Condition.of("category", EQUALS, "BILLING"), true),
                Arguments.of(Condition.of("team", NOT_IN, "sales"), true),
                Arguments.of(Condition.of("tags", EQUALS, "vip"), true),
                Arguments.of(Condition.of("tags", NOT_CONTAINS, "vip"), false),
                Arguments.of(Condition.of("tags", CONTAINS, "eu"), true),
                Arguments.of(Condition.of("subject", CONTAINS, "REFUND"), true),
                Arguments.of(Condition.of("description", NOT_CONTAINS, "refund"), false),
                Arguments.of(Condition.of("subject", MATCHES, "order \\d+$"), true),
                Arguments.of(Condition.of("subject", MATCHES, "^order"), false),
                Arguments.of(Condition.of("requester.email", MATCHES, "@example\\.com$"), true),
                Arguments.of(Condition.of("requester.name", EQUALS, "robin doe"), true),
                Arguments.of(Condition.of("organization", EQUALS, "Acme"), true),
                Arguments.of(Condition.of("assignee", IS_EMPTY), true),
                Arguments.of(Condition.of("assignee", IS_NOT_EMPTY), false),
                Arguments.of(Condition.of("tags", IS_NOT_EMPTY), true),
                Arguments.of(Condition.of("priority", GREATER_THAN, "MEDIUM"), true),
                Arguments.of(Condition.of("priority", GREATER_THAN, "HIGH"), false),
                Arguments.of(Condition.of("priority", LESS_THAN, "URGENT"), true),
                Arguments.of(Condition.of("priority", LESS_THAN, "HIGH"), false),
                Arguments.of(Condition.of("customFields.seats", GREATER_THAN, "10"), true),
                Arguments.of(Condition.of("customFields.seats", LESS_THAN, "10.5"), false),
                Arguments.of(Condition.of("customFields.plan", GREATER_THAN, "1"), false),
                Arguments.of(Condition.of("customFields.plan", EQUALS, "pro"), true),
                Arguments.of(Condition.of("customFields.seats", EQUALS, "12.0"), true),
                Arguments.of(Condition.of("customFields.missing", IS_EMPTY), true),
                Arguments.of(Condition.of("message.text", CONTAINS, "fire"), false), // no message on this event
                Arguments.of(Condition.of("message.text", IS_EMPTY), true));
    }

    @ParameterizedTest
    @MethodSource("operators")
    void everyOperator(Condition condition, boolean expected) {
        assertThat(matches(condition, TICKET, CREATED)).as(condition.toString()).isEqualTo(expected);
    }

    @Test
    void aCatastrophicRegexGivesUpInsteadOfHanging() {
        TicketFacts ticket = new TicketFacts("T", "OPEN", "LOW", null, null, null, null, List.of(), "a".repeat(5000) + "!",
                null, null, null, null, null);
        long start = System.nanoTime();
        assertThat(matches(Condition.of("subject", MATCHES, "^(a+)+$"), ticket, CREATED)).isFalse();
        assertThat(matches(Condition.of("subject", MATCHES, "a{5000}!"), ticket, CREATED)).as("normal regexes still work").isTrue();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
    }

    @Test
    void messageFields() {
        AutomationEvent event = AutomationEvent.message(AutomationTrigger.TICKET_CREATED,
                new MessageFacts("My printer is ON FIRE", "CUSTOMER", true));
        assertThat(matches(Condition.of("message.text", CONTAINS, "on fire"), TICKET, event)).isTrue();
        assertThat(matches(Condition.of("message.authorType", EQUALS, "CUSTOMER"), TICKET, event)).isTrue();
        assertThat(matches(Condition.of("message.internal", EQUALS, "true"), TICKET, event)).isTrue();
        assertThat(matches(Condition.of("message.internal", EQUALS, "false"), TICKET, event)).isFalse();
    }

    @Test
    void allAndAny() {
        List<Condition> oneTrueOneFalse = List.of(Condition.of("status", EQUALS, "OPEN"), Condition.of("status", EQUALS, "NEW"));
        assertThat(run(List.of(rule(1, 1, MatchMode.ALL, oneTrueOneFalse, tag("x"))), TICKET, CREATED)).isEmpty();
        assertThat(run(List.of(rule(1, 1, MatchMode.ANY, oneTrueOneFalse, tag("x"))), TICKET, CREATED)).hasSize(1);
        assertThat(run(List.of(rule(1, 1, MatchMode.ALL, List.of(), tag("x"))), TICKET, CREATED)).as("no conditions").hasSize(1);
    }

    @Test
    void triggerMustMatch() {
        assertThat(run(List.of(rule(1, 1, MatchMode.ALL, List.of(), tag("x"))), TICKET,
                AutomationEvent.of(AutomationTrigger.STATUS_CHANGED))).isEmpty();
    }

    @Test
    void rulesRunInPositionOrderAndStopProcessingEndsTheList() {
        List<AutomationRule> rules = List.of(rule(7, 30, MatchMode.ALL, List.of(), tag("third")),
                rule(8, 10, MatchMode.ALL, List.of(), tag("first")),
                rule(9, 20, MatchMode.ALL, List.of(), tag("second")));
        assertThat(run(rules, TICKET, CREATED)).extracting(PlannedAction::ruleId).containsExactly("8", "9", "7");

        List<AutomationRule> stopping = List.of(rules.get(0), rules.get(1),
                rule(9, 20, MatchMode.ALL, List.of(), tag("second"), RuleAction.of(ActionType.STOP_PROCESSING), tag("never")));
        assertThat(run(stopping, TICKET, CREATED)).extracting(p -> p.ruleId() + ":" + p.action())
                .containsExactly("8:ADD_TAGS", "9:ADD_TAGS", "9:STOP_PROCESSING");
    }

    @Test
    void disabledRulesDoNothing() {
        AutomationRule disabled = rule(1, 1, MatchMode.ALL, List.of(), tag("x")).withEnabled(false);
        assertThat(run(List.of(disabled), TICKET, CREATED)).isEmpty();
    }

    @Test
    void aRuleIgnoresEventsItCausedAndChainsEndAtTheMaximumDepth() {
        AutomationRule raise = new AutomationRule(1, "raise", true, 1, AutomationTrigger.PRIORITY_CHANGED, MatchMode.ALL,
                List.of(), List.of(RuleAction.of(ActionType.SET_PRIORITY, Map.of("priority", "URGENT"))));
        AutomationRule other = new AutomationRule(2, "note", true, 2, AutomationTrigger.PRIORITY_CHANGED, MatchMode.ALL,
                List.of(), List.of(RuleAction.of(ActionType.ADD_INTERNAL_NOTE, Map.of("text", "raised"))));
        List<PlannedAction> first = run(List.of(raise, other), TICKET, AutomationEvent.of(AutomationTrigger.PRIORITY_CHANGED));
        assertThat(first).extracting(PlannedAction::ruleId).containsExactly("1", "2");

        AutomationEvent caused = AutomationEvent.of(AutomationTrigger.PRIORITY_CHANGED)
                .causedBy(AutomationTrigger.PRIORITY_CHANGED, null, first.get(0));
        assertThat(caused.depth()).isEqualTo(1);
        assertThat(engine.evaluate(TICKET, caused)).extracting(PlannedAction::ruleId).containsExactly("2");

        AutomationEvent deep = new AutomationEvent(AutomationTrigger.PRIORITY_CHANGED, null, "99", AutomationEngine.MAX_CHAIN_DEPTH);
        assertThat(engine.evaluate(TICKET, deep)).isEmpty();
        assertThat(engine.evaluate(TICKET, new AutomationEvent(AutomationTrigger.PRIORITY_CHANGED, null, "99",
                AutomationEngine.MAX_CHAIN_DEPTH - 1))).hasSize(2);
    }

    @Test
    void sendReplyIsRenderedFromTheTicket() {
        List<PlannedAction> plan = run(List.of(rule(1, 1, MatchMode.ALL, List.of(), RuleAction.of(ActionType.SEND_REPLY,
                Map.of("template", "Hello {{ requester.name }}, ticket {{ticket.number}} is {{ticket.status}}.")))), TICKET, CREATED);
        assertThat(plan.get(0).params()).containsEntry("text", "Hello Robin Doe, ticket T-1 is OPEN.");
    }

    @Test
    void theSampleDrlFileTagsRefundRequests() throws Exception {
        files.set(Map.of("rules/automation-samples.drl", Files.readString(Path.of("rules/automation-samples.drl"))));
        List<PlannedAction> plan = run(List.of(), TICKET, CREATED);
        assertThat(plan).containsExactly(new PlannedAction("drl:tag refund requests", "tag refund requests",
                ActionType.ADD_TAGS, Map.of("tags", List.of("refund"))));
        TicketFacts tagged = new TicketFacts("T-1", "OPEN", "HIGH", null, null, null, null, List.of("refund"),
                "Refund", null, null, null, null, null);
        assertThat(engine.evaluate(tagged, CREATED)).isEmpty();
        TicketFacts other = new TicketFacts("T-2", "OPEN", "HIGH", null, null, null, null, List.of(),
                "Printer", "on fire", null, null, null, null);
        assertThat(engine.evaluate(other, CREATED)).isEmpty();
    }

    @Test
    void aBrokenDrlFileIsRejectedWithTheCompilerMessagesAndTheOldSetStays() {
        run(List.of(rule(1, 1, MatchMode.ALL, List.of(), tag("old"))), TICKET, CREATED);
        long generation = engine.current().generation();
        files.set(Map.of("rules/broken.drl", "package x;\nrule \"broken\"\nwhen\n  NoSuchFact( )\nthen\nend\n"));
        assertThatThrownBy(engine::reload).isInstanceOf(RuleCompilationException.class)
                .satisfies(e -> assertThat(((RuleCompilationException) e).messages()).isNotEmpty()
                        .anySatisfy(m -> assertThat(m).contains("rules/broken.drl")));
        assertThat(engine.current().generation()).isEqualTo(generation);
        assertThat(engine.evaluate(TICKET, CREATED)).extracting(p -> p.params().get("tags")).containsExactly(List.of("old"));
    }

    @Test
    void anInvalidStoredRuleIsRejectedAndTheOldSetStays() {
        run(List.of(rule(1, 1, MatchMode.ALL, List.of(), tag("old"))), TICKET, CREATED);
        stored.set(List.of(rule(2, 1, MatchMode.ALL, List.of(Condition.of("subject", MATCHES, "(unclosed")), tag("new"))));
        assertThatThrownBy(engine::reload).isInstanceOf(InvalidInputException.class);
        assertThat(engine.evaluate(TICKET, CREATED)).extracting(PlannedAction::ruleId).containsExactly("1");
    }

    @Test
    void injectionAttemptsInValuesAndNamesAreInertData() {
        List<String> hostile = List.of("\"; System.exit(0); \"", "\" || true || \"", "eval(true)",
                "x\"\nthen\n System.exit(0);\nend\nrule \"evil\" when then", "') || eval(true) || ('", "\\\"; drools.halt(); //",
                "${System.exit(0)}", "@{System.exit(0)}");
        List<AutomationRule> rules = new ArrayList<>();
        long id = 1;
        for (String value : hostile) {
            rules.add(new AutomationRule(id, "evil \" name */ end rule \"x\" when then", true, (int) id, AutomationTrigger.TICKET_CREATED,
                    MatchMode.ALL, List.of(Condition.of("subject", EQUALS, value)), List.of(RuleAction.of(ActionType.ADD_INTERNAL_NOTE,
                    Map.of("text", value)))));
            id++;
        }
        stored.set(rules);
        engine.reload();
        assertThat(engine.current().drl()).doesNotContain("System.exit", "eval(true)", "halt", "evil \"");
        assertThat(engine.evaluate(TICKET, CREATED)).as("nothing matches a normal ticket").isEmpty();
        for (String value : hostile) {
            TicketFacts ticket = new TicketFacts("T", "OPEN", "LOW", null, null, null, null, List.of(), value, null, null,
                    null, null, null);
            List<PlannedAction> plan = engine.evaluate(ticket, CREATED);
            assertThat(plan).as(value).hasSize(1);
            assertThat(plan.get(0).params().get("text")).isEqualTo(value);
        }
    }

    @Test
    void validationRefusesBadDefinitions() {
        List<RuleDefinition> bad = List.of(
                new RuleDefinition("", true, AutomationTrigger.TICKET_CREATED, MatchMode.ALL, List.of(), List.of(tag("x"))),
                new RuleDefinition("<b>", true, AutomationTrigger.TICKET_CREATED, MatchMode.ALL, List.of(), List.of(tag("x"))),
                new RuleDefinition("a\nb", true, AutomationTrigger.TICKET_CREATED, MatchMode.ALL, List.of(), List.of(tag("x"))),
                new RuleDefinition("x".repeat(101), true, AutomationTrigger.TICKET_CREATED, MatchMode.ALL, List.of(), List.of(tag("x"))),
                new RuleDefinition("ok", true, null, MatchMode.ALL, List.of(), List.of(tag("x"))),
                new RuleDefinition("ok", true, AutomationTrigger.TICKET_CREATED, MatchMode.ALL, List.of(), List.of()),
                def(Condition.of("nosuch", EQUALS, "x")),
                def(Condition.of("customFields.Bad-Key", EQUALS, "x")),
                def(Condition.of("status", EQUALS, "DONE")),
                def(Condition.of("subject", MATCHES, "a".repeat(201))),
                def(Condition.of("subject", MATCHES, "[")),
                def(Condition.of("subject", GREATER_THAN, "3")),
                def(Condition.of("customFields.seats", GREATER_THAN, "many")),
                def(Condition.of("subject", EQUALS)),
                def(Condition.of("subject", IS_EMPTY, "x")),
                def(Condition.of("message.internal", MATCHES, "x")),
                withAction(RuleAction.of(ActionType.WEBHOOK, Map.of("url", "http://example.com/hook"))),
                withAction(RuleAction.of(ActionType.WEBHOOK, Map.of("url", "https://user:pw@example.com/"))),
                withAction(RuleAction.of(ActionType.WEBHOOK, Map.of("url", "javascript:alert(1)"))),
                withAction(RuleAction.of(ActionType.SET_STATUS, Map.of("status", "DONE"))),
                withAction(RuleAction.of(ActionType.SET_PRIORITY, Map.of("priority", "HIGH", "extra", 1))),
                withAction(RuleAction.of(ActionType.ASSIGN_AGENT, Map.of("agent", "<script>"))),
                withAction(RuleAction.of(ActionType.ADD_TAGS, Map.of("tags", List.of()))),
                withAction(RuleAction.of(ActionType.SEND_REPLY, Map.of("template", "{{ticket.secret}}"))),
                withAction(RuleAction.of(ActionType.STOP_PROCESSING, Map.of("x", 1))),
                withAction(RuleAction.of(ActionType.NOTIFY, Map.of("recipients", List.of("alice"))))); // message missing
        for (RuleDefinition definition : bad) {
            assertThatThrownBy(() -> RuleValidator.validate(definition)).as(definition.toString())
                    .isInstanceOf(InvalidInputException.class);
        }
        RuleValidator.validate(withAction(RuleAction.of(ActionType.WEBHOOK, Map.of("url", "https://hooks.example.com/x?y=1"))));
        RuleValidator.validate(withAction(RuleAction.of(ActionType.NOTIFY, Map.of("recipients", List.of("alice"), "message", "hi"))));
        RuleValidator.validate(withAction(RuleAction.of(ActionType.SET_CUSTOM_FIELD, Map.of("key", "plan", "value", "Pro"))));
    }

    static RuleDefinition def(Condition condition) {
        return new RuleDefinition("ok", true, AutomationTrigger.TICKET_CREATED, MatchMode.ALL, List.of(condition), List.of(tag("x")));
    }

    static RuleDefinition withAction(RuleAction action) {
        return new RuleDefinition("ok", true, AutomationTrigger.TICKET_CREATED, MatchMode.ALL, List.of(), List.of(action));
    }

    @Test
    void hotSwapUnderConcurrentEvaluationLosesNothing() throws Exception {
        List<AutomationRule> setA = List.of(rule(1, 1, MatchMode.ALL, List.of(), tag("a")), rule(2, 2, MatchMode.ALL, List.of(), tag("a2")));
        List<AutomationRule> setB = List.of(rule(3, 1, MatchMode.ALL, List.of(Condition.of("status", EQUALS, "OPEN")), tag("b")));
        run(setA, TICKET, CREATED);
        AutomationEngine.RuleSet a = engine.current();
        AutomationEngine.RuleSet b = engine.compile(setB);
        List<String> expectedA = List.of("1", "2");
        List<String> expectedB = List.of("3");

        AtomicBoolean swapping = new AtomicBoolean(true);
        AtomicInteger evaluations = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch started = new CountDownLatch(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                started.countDown();
                while (swapping.get()) {
                    List<String> ids = engine.evaluate(TICKET, CREATED).stream().map(PlannedAction::ruleId).toList();
                    if (!ids.equals(expectedA) && !ids.equals(expectedB)) {
                        failures.add(ids.toString());
                    }
                    evaluations.incrementAndGet();
                }
            }));
        }
        started.await();
        Map<Long, Integer> seen = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            AutomationEngine.RuleSet next = i % 2 == 0 ? b : a;
            engine.install(next);
            seen.merge(next.generation(), 1, Integer::sum);
            Thread.sleep(2);
        }
        // also swap through real compilation while they evaluate
        stored.set(setB);
        engine.reload();
        swapping.set(false);
        for (Future<?> worker : workers) {
            worker.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(failures).isEmpty();
        assertThat(evaluations.get()).isGreaterThan(50);
        assertThat(engine.evaluate(TICKET, CREATED)).extracting(PlannedAction::ruleId).containsExactly("3");
    }

    @Test
    void aSetCompiledEarlierNeverReplacesOneCompiledLater() {
        AutomationEngine.RuleSet older = engine.compile(List.of(rule(1, 1, MatchMode.ALL, List.of(), tag("old"))));
        AutomationEngine.RuleSet newer = engine.compile(List.of(rule(2, 1, MatchMode.ALL, List.of(), tag("new"))));

        assertThat(engine.installIfNewer(newer)).isTrue();
        assertThat(engine.installIfNewer(older)).isFalse();

        assertThat(engine.current().generation()).isEqualTo(newer.generation());
        assertThat(engine.evaluate(TICKET, CREATED)).extracting(PlannedAction::ruleId).containsExactly("2");
    }
}
