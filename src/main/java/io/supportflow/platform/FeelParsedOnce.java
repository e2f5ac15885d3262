package io.supportflow.platform;

import camundajar.impl.scala.util.Either;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.FeelEngine$;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;
import org.springframework.stereotype.Component;

/**
 * The DMN tables' FEEL expressions parsed once instead of at every evaluation.
 *
 * <p>Camunda's FEEL integration parses each input expression, input entry and output entry every time a
 * table is evaluated (camunda/feel-scala#1149); a profile of ticket creation showed that parsing as the
 * biggest part of the SLA policy and routing decisions. The parsed syntax tree is immutable and depends
 * only on the expression's text, so it is kept per text. Evaluation is the engine's own, unchanged.
 */
@Component
class FeelParsedOnce extends AbstractProcessEnginePlugin {

    /** Tables come from deployments, so the texts are few; the bound only guards against a flood of redeployments. */
    static final int MAX_EXPRESSIONS = 10_000;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                ? configuration.getDmnEngineConfiguration()
                : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        List<FeelCustomFunctionProvider> functions = configuration.getDmnFeelCustomFunctionProviders() == null
                ? List.of() : configuration.getDmnFeelCustomFunctionProviders();
        dmn.setFeelEngineFactory(() -> new CachingScalaFeelEngine(functions));
        configuration.setDmnEngineConfiguration(dmn);
    }

    static class CachingScalaFeelEngine extends ScalaFeelEngine {

        CachingScalaFeelEngine(List<FeelCustomFunctionProvider> functions) {
            super(functions);
        }

        /** Called by the super constructor: the same engine Camunda builds, with a parse cache in front. */
        @Override
        protected FeelEngine buildFeelEngine(CustomFunctionTransformer functions, ValueMapper.CompositeValueMapper values) {
            return new ParsingOnce(functions, values);
        }
    }

    static final class ParsingOnce extends FeelEngine {

        private final Map<String, Either<FeelEngine.Failure, ParsedExpression>> expressions = new ConcurrentHashMap<>();
        private final Map<String, Either<FeelEngine.Failure, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();

        ParsingOnce(CustomFunctionTransformer functions, ValueMapper values) {
            // as FeelEngine.Builder builds it for ScalaFeelEngine: external (Java) functions disabled
            super(functions, values, new FeelEngine.Configuration(false), FeelEngine$.MODULE$.defaultClock());
        }

        @Override
        public Either<FeelEngine.Failure, ParsedExpression> parseExpression(String expression) {
            return parsed(expressions, expression, super::parseExpression);
        }

        @Override
        public Either<FeelEngine.Failure, ParsedExpression> parseUnaryTests(String expression) {
            return parsed(unaryTests, expression, super::parseUnaryTests);
        }

        private static Either<FeelEngine.Failure, ParsedExpression> parsed(Map<String, Either<FeelEngine.Failure, ParsedExpression>> cache,
                String text, Function<String, Either<FeelEngine.Failure, ParsedExpression>> parser) {
            Either<FeelEngine.Failure, ParsedExpression> known = cache.get(text);
            if (known != null) {
                return known;
            }
            if (cache.size() >= MAX_EXPRESSIONS) {
                cache.clear();
            }
            Either<FeelEngine.Failure, ParsedExpression> parsed = parser.apply(text);
            cache.put(text, parsed);
            return parsed;
        }
    }
}
