package io.supportflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.support.IntegrationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class FeelParsedOnceIntegrationTest {

    @Autowired
    ProcessEngine engine;

    @Test
    void theEnginesDecisionsRunOnTheParsingOnceFeelEngine() {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getDmnEngineConfiguration().getFeelEngine()).isInstanceOf(FeelParsedOnce.CachingScalaFeelEngine.class);

        var team = engine.getDecisionService().evaluateDecisionTableByKey("TicketRouting", Variables.createVariables()
                        .putValue("category", "billing").putValue("priority", "LOW").putValue("channel", "EMAIL")
                        .putValue("customerTier", "STANDARD").putValue("language", "en").putValue("tags", java.util.List.of()))
                .getSingleResult().getSingleEntry();
        assertThat(team).isEqualTo("billing");
    }
}
