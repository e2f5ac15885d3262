package io.supportflow.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AiSettingsTest {

    static AiSettings settings(AiSettings.Provider provider, String baseUrl, Double applyThreshold) {
        return new AiSettings(provider, baseUrl, null, null, null, null, null, null, null, null, applyThreshold, null, null);
    }

    @Test
    void safeDefaultsWithNothingConfigured() {
        AiSettings s = settings(null, null, null);
        assertThat(s.provider()).isEqualTo(AiSettings.Provider.OFFLINE);
        assertThat(s.applyThreshold()).isEqualTo(0.8);
        assertThat(s.agent().confidenceThreshold()).isEqualTo(0.7);
        assertThat(s.models().classify()).isEqualTo("gpt-4o-mini");
        assertThat(s.maxAttempts()).isEqualTo(3);
        assertThat(s.classifyTickets()).isTrue();
    }

    @Test
    void ollamasBaseUrlWorksWithOrWithoutV1() {
        assertThat(settings(AiSettings.Provider.OPENAI, "http://localhost:11434/v1/", null).baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(settings(AiSettings.Provider.OPENAI, "http://localhost:11434", null).baseUrl()).isEqualTo("http://localhost:11434");
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> settings(AiSettings.Provider.OPENAI, "file:///etc/passwd", null)).hasMessageContaining("base-url");
        assertThatThrownBy(() -> settings(null, null, 1.5)).hasMessageContaining("apply-threshold");
        assertThatThrownBy(() -> new AiSettings.Agent(-0.1)).hasMessageContaining("confidence-threshold");
    }
}
