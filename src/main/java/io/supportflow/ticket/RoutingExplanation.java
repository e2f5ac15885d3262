package io.supportflow.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Answers "why did this ticket go to team X": the routing table's matched rows and the facts it
 * decided on, caught as the engine evaluates it (on the same thread as "Route ticket") and written
 * to the ticket's activity by "Assign team".
 */
@Component
class RoutingExplanation extends AbstractProcessEnginePlugin implements DmnDecisionTableEvaluationListener {

    private static final ThreadLocal<String> LAST = new ThreadLocal<>();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                ? configuration.getDmnEngineConfiguration()
                : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        List<DmnDecisionTableEvaluationListener> listeners = new ArrayList<>(dmn.getCustomPostDecisionTableEvaluationListeners());
        listeners.add(this);
        dmn.setCustomPostDecisionTableEvaluationListeners(listeners);
        configuration.setDmnEngineConfiguration(dmn);
    }

    @Override
    public void notify(DmnDecisionTableEvaluationEvent event) {
        if (!TicketLifecycle.ROUTING_DECISION.equals(event.getDecision().getKey())) {
            return;
        }
        String rules = event.getMatchingRules().isEmpty() ? "no rule matched"
                : event.getMatchingRules().stream()
                        .map(rule -> rule.getId() + " → " + rule.getOutputEntries().values().stream()
                                .map(output -> String.valueOf(output.getValue().getValue())).collect(Collectors.joining(", ")))
                        .collect(Collectors.joining("; "));
        String facts = event.getInputs().stream()
                .map(input -> input.getInputVariable() + "=" + input.getValue().getValue())
                .collect(Collectors.joining(", "));
        LAST.set(event.getDecision().getKey() + ": " + rules + " (" + facts + ")");
    }

    /** The explanation of the routing just evaluated on this thread, once. */
    Optional<String> take() {
        String explanation = LAST.get();
        LAST.remove();
        return Optional.ofNullable(explanation);
    }
}
