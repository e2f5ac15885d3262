package io.supportflow.ai;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The provider chosen by supportflow.ai.provider; offline unless OPENAI is configured. */
@Configuration(proxyBeanMethods = false)
class AiConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AiConfiguration.class);

    @Bean
    AiProvider aiProvider(AiSettings settings) {
        if (settings.provider() == AiSettings.Provider.OFFLINE) {
            log.info("AI: offline provider (deterministic rules; set supportflow.ai.provider=OPENAI and a base URL to use a model)");
            return new OfflineProvider();
        }
        log.info("AI: OpenAI-compatible provider at {} (default model {})", settings.baseUrl(), settings.models().defaultModel());
        return new OpenAiCompatibleProvider(settings.baseUrl(), settings.completionsPath(), settings.apiKey(), settings.models(),
                settings.connectTimeout(), settings.readTimeout(), settings.maxAttempts(), settings.backoff(),
                new CircuitBreaker(settings.breaker().failureThreshold(), settings.breaker().openFor(), Clock.systemUTC()));
    }
}
