package io.supportflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * The parse cache changes when FEEL is parsed, never what a table decides: every decision below is
 * evaluated by Camunda's stock FEEL engine and by ours, and the results must be the same.
 */
class FeelParsedOnceTest {

    private static final String[] PRIORITIES = {"LOW", "MEDIUM", "HIGH", "URGENT", "CRITICAL", null, "<script>", "' OR 1=1 --"};
    private static final String[] TIERS = {"STANDARD", "GOLD", "PLATINUM", null};
    private static final String[] TEAMS = {"billing", "technical", "general", "vip", null};
    private static final String[] CHANNELS = {"API", "EMAIL", "PORTAL", "PHONE", "CHAT", null};
    private static final String[] CATEGORIES = {"billing", "technical", "account", "general", "other", "", null};

    private final Probe probe = new Probe();
    private final DmnEngine stock = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private final DmnEngine cached = cachingEngine();

    @Test
    void theSlaPolicyTableDecidesTheSameForEveryCombination() throws Exception {
        DmnDecision ours = decision(cached, "rules/sla-policy.dmn", "SlaPolicy");
        DmnDecision theirs = decision(stock, "rules/sla-policy.dmn", "SlaPolicy");
        int evaluations = 0;
        for (String priority : PRIORITIES) {
            for (String tier : TIERS) {
                for (String team : TEAMS) {
                    for (String channel : CHANNELS) {
                        VariableMap facts = Variables.createVariables().putValue("priority", priority)
                                .putValue("customerTier", tier).putValue("team", team).putValue("channel", channel);
                        assertThat(outcome(cached, ours, facts)).as("%s", facts).isEqualTo(outcome(stock, theirs, facts));
                        evaluations++;
                    }
                }
            }
        }
        assertThat(evaluations).isEqualTo(960);
    }

    @Test
    void theRoutingTableDecidesTheSameIncludingTagLists() throws Exception {
        DmnDecision ours = decision(cached, "rules/ticket-routing.dmn", "TicketRouting");
        DmnDecision theirs = decision(stock, "rules/ticket-routing.dmn", "TicketRouting");
        List<List<String>> tagSets = List.of(List.of(), List.of("vip"), List.of("printer", "vip"), List.of("<b>x</b>"));
        for (String category : CATEGORIES) {
            for (String priority : PRIORITIES) {
                for (List<String> tags : tagSets) {
                    VariableMap facts = Variables.createVariables().putValue("category", category).putValue("priority", priority)
                            .putValue("channel", "EMAIL").putValue("customerTier", "STANDARD").putValue("language", "fr")
                            .putValue("tags", tags);
                    assertThat(outcome(cached, ours, facts)).as("%s", facts).isEqualTo(outcome(stock, theirs, facts));
                }
            }
        }
    }

    @Test
    void feelFeaturesBeyondOurTablesBehaveAlike() {
        DmnDecision ours = decision(cached, FEATURES);
        DmnDecision theirs = decision(stock, FEATURES);
        Object[] amounts = {-1, 0, 5, 10, 10.5, 99, 100, 1000, null};
        Object[] texts = {"abc", "ABC", "zzz", "", null};
        Object[] dates = {null, new Date(0), new Date(1_900_000_000_000L)};
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Object amount : amounts) {
            for (Object text : texts) {
                for (Object date : dates) {
                    VariableMap facts = Variables.createVariables().putValue("amount", amount).putValue("text", text)
                            .putValue("since", date);
                    Object outcome = outcome(cached, ours, facts);
                    assertThat(outcome).as("%s", facts).isEqualTo(outcome(stock, theirs, facts));
                    seen.add(String.valueOf(outcome));
                }
            }
        }
        assertThat(String.join(" ", seen)).as("every rule matched somewhere")
                .contains("range and text", "outside", "no amount", "old");
    }

    @Test
    void eachExpressionIsParsedOnceHoweverOftenItIsEvaluated() throws Exception {
        DmnDecision policy = decision(cached, "rules/sla-policy.dmn", "SlaPolicy");
        VariableMap facts = Variables.createVariables().putValue("priority", "URGENT").putValue("customerTier", "GOLD")
                .putValue("team", "billing").putValue("channel", "EMAIL");
        cached.evaluateDecisionTable(policy, facts);
        org.camunda.feel.FeelEngine parser = probe.parser();
        assertThat(parser.parseUnaryTests("\"GOLD\",\"PLATINUM\"")).as("an input entry of the table, parsed by the evaluation")
                .isSameAs(parser.parseUnaryTests("\"GOLD\",\"PLATINUM\""));
        assertThat(parser.parseExpression("priority")).as("an input expression").isSameAs(parser.parseExpression("priority"));
        assertThat(parser.parseExpression("\"PT4H\"")).as("an output entry").isSameAs(parser.parseExpression("\"PT4H\""));
        org.camunda.feel.FeelEngine uncached = new org.camunda.feel.FeelEngine.Builder().build();
        assertThat(uncached.parseExpression("priority")).as("Camunda's own engine parses anew")
                .isNotSameAs(uncached.parseExpression("priority"));
    }

    @Test
    void concurrentEvaluationsAgreeWithASingleThread() throws Exception {
        DmnDecision policy = decision(cached, "rules/sla-policy.dmn", "SlaPolicy");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String priority = PRIORITIES[i % 5];
                String tier = TIERS[i % TIERS.length];
                runs.add(pool.submit(() -> {
                    VariableMap facts = Variables.createVariables().putValue("priority", priority).putValue("customerTier", tier)
                            .putValue("team", "technical").putValue("channel", "API");
                    return outcome(cached, policy, facts).equals(outcome(stock, decision(stock, "rules/sla-policy.dmn", "SlaPolicy"), facts));
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpressionThatDoesNotParseFailsEveryTimeAsItDoesWithoutTheCache() {
        DmnDecision ours = decision(cached, BROKEN);
        DmnDecision theirs = decision(stock, BROKEN);
        VariableMap facts = Variables.createVariables().putValue("amount", 1);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cached.evaluateDecisionTable(ours, facts)).hasMessageContaining("FEEL");
        }
        assertThatThrownBy(() -> stock.evaluateDecisionTable(theirs, facts)).hasMessageContaining("FEEL");
    }

    private DmnEngine cachingEngine() {
        DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        configuration.setFeelEngineFactory(() -> probe);
        return configuration.buildEngine();
    }

    /** Our FEEL engine, with access to the parser inside it. */
    static final class Probe extends FeelParsedOnce.CachingScalaFeelEngine {

        Probe() {
            super(List.of());
        }

        org.camunda.feel.FeelEngine parser() {
            return feelEngine;
        }
    }

    private static Object outcome(DmnEngine engine, DmnDecision decision, VariableMap facts) {
        try {
            return engine.evaluateDecisionTable(decision, facts).getResultList();
        } catch (RuntimeException e) {
            return "error";
        }
    }

    private static DmnDecision decision(DmnEngine engine, String file, String key) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return engine.parseDecision(key, in);
        }
    }

    private static DmnDecision decision(DmnEngine engine, String xml) {
        return engine.parseDecision("Features", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String FEATURES = """
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="FeaturesDefinitions" name="Features" namespace="test">
              <decision id="Features" name="Features">
                <decisionTable id="FeaturesTable" hitPolicy="COLLECT">
                  <input id="Amount"><inputExpression id="AmountExpr" typeRef="double"><text>amount</text></inputExpression></input>
                  <input id="Text"><inputExpression id="TextExpr" typeRef="string"><text>if text = null then null else upper case(text)</text></inputExpression></input>
                  <input id="Since"><inputExpression id="SinceExpr" typeRef="date"><text>since</text></inputExpression></input>
                  <output id="Out" name="out" typeRef="string"/>
                  <output id="Calc" name="calc" typeRef="double"/>
                  <rule id="R1"><inputEntry id="R1a"><text>[0..10]</text></inputEntry><inputEntry id="R1b"><text>"ABC"</text></inputEntry><inputEntry id="R1c"><text></text></inputEntry>
                    <outputEntry id="R1o"><text>"range and text"</text></outputEntry><outputEntry id="R1p"><text>amount * 2</text></outputEntry></rule>
                  <rule id="R2"><inputEntry id="R2a"><text>&gt; 10, &lt; 0</text></inputEntry><inputEntry id="R2b"><text>not("ZZZ")</text></inputEntry><inputEntry id="R2c"><text></text></inputEntry>
                    <outputEntry id="R2o"><text>"outside " + string(amount)</text></outputEntry><outputEntry id="R2p"><text>-amount</text></outputEntry></rule>
                  <rule id="R3"><inputEntry id="R3a"><text>null</text></inputEntry><inputEntry id="R3b"><text>starts with(?, "Z")</text></inputEntry><inputEntry id="R3c"><text></text></inputEntry>
                    <outputEntry id="R3o"><text>"no amount"</text></outputEntry><outputEntry id="R3p"><text>null</text></outputEntry></rule>
                  <rule id="R4"><inputEntry id="R4a"><text></text></inputEntry><inputEntry id="R4b"><text></text></inputEntry><inputEntry id="R4c"><text>&lt; date and time("2000-01-01T00:00:00")</text></inputEntry>
                    <outputEntry id="R4o"><text>"old"</text></outputEntry><outputEntry id="R4p"><text>count([1,2,3])</text></outputEntry></rule>
                </decisionTable>
              </decision>
            </definitions>
            """;

    private static final String BROKEN = """
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="BrokenDefinitions" name="Broken" namespace="test">
              <decision id="Features" name="Broken">
                <decisionTable id="BrokenTable">
                  <input id="Amount"><inputExpression id="AmountExpr" typeRef="integer"><text>amount</text></inputExpression></input>
                  <output id="Out" name="out" typeRef="string"/>
                  <rule id="R1"><inputEntry id="R1a"><text>[0..</text></inputEntry><outputEntry id="R1o"><text>"x"</text></outputEntry></rule>
                </decisionTable>
              </decision>
            </definitions>
            """;
}
