package io.supportflow.ai;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param provider          OFFLINE (default, deterministic, no network) or OPENAI (any OpenAI-compatible server)
 * @param baseUrl           the server's base URL, e.g. https://api.openai.com or http://localhost:11434 (Ollama);
 *                          the chat-completions path is appended
 * @param completionsPath   the chat-completions path under the base URL (OpenAI and Ollama: /v1/chat/completions)
 * @param apiKey            from the environment (SUPPORTFLOW_AI_API_KEY); Ollama accepts any value
 * @param models            the model per capability
 * @param connectTimeout    time to open a connection to the provider
 * @param readTimeout       time to wait for a response
 * @param maxAttempts       attempts per call on 429, 5xx and time-outs (then the job's own retries take over)
 * @param backoff           the first pause between attempts, doubled each time
 * @param breaker           the circuit breaker: consecutive failures that open it, and how long it stays open
 * @param applyThreshold    a classification is applied to the ticket only at or above this confidence
 * @param classifyTickets   classify new tickets and re-assess customer replies (processes/ticket-classification.bpmn)
 * @param agent             the autonomous knowledge-base agent's defaults (teams switch it on through the admin API)
 */
@ConfigurationProperties("supportflow.ai")
record AiSettings(Provider provider, String baseUrl, String completionsPath, String apiKey, Models models,
                  Duration connectTimeout, Duration readTimeout, Integer maxAttempts, Duration backoff, Breaker breaker,
                  Double applyThreshold, Boolean classifyTickets, Agent agent) {

    enum Provider { OFFLINE, OPENAI }

    AiSettings {
        provider = provider == null ? Provider.OFFLINE : provider;
        baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://api.openai.com" : baseUrl.strip();
        completionsPath = completionsPath == null || completionsPath.isBlank() ? "/v1/chat/completions" : completionsPath;
        baseUrl = baseUrl.replaceAll("/+$", "");
        if (baseUrl.endsWith("/v1") && completionsPath.startsWith("/v1/")) {
            // "http://localhost:11434/v1", as Ollama's documentation writes it, means the same server
            baseUrl = baseUrl.substring(0, baseUrl.length() - 3);
        }
        apiKey = apiKey == null ? "" : apiKey.strip();
        models = models == null ? new Models(null, null, null, null, null, null) : models;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        maxAttempts = maxAttempts == null || maxAttempts < 1 ? 3 : Math.min(maxAttempts, 10);
        backoff = backoff == null ? Duration.ofMillis(500) : backoff;
        breaker = breaker == null ? new Breaker(null, null) : breaker;
        applyThreshold = applyThreshold == null ? 0.8 : applyThreshold;
        classifyTickets = classifyTickets == null || classifyTickets;
        agent = agent == null ? new Agent(null) : agent;
        if (applyThreshold < 0 || applyThreshold > 1) {
            throw new IllegalArgumentException("supportflow.ai.apply-threshold is between 0 and 1");
        }
        if (provider == Provider.OPENAI && !baseUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("supportflow.ai.base-url must be an http(s) URL");
        }
    }

    /** Model names per capability; each defaults to {@code default-model} (gpt-4o-mini). */
    record Models(String defaultModel, String classify, String reply, String rewrite, String summary, String answer) {

        Models {
            defaultModel = defaultModel == null || defaultModel.isBlank() ? "gpt-4o-mini" : defaultModel;
            classify = orDefault(classify, defaultModel);
            reply = orDefault(reply, defaultModel);
            rewrite = orDefault(rewrite, defaultModel);
            summary = orDefault(summary, defaultModel);
            answer = orDefault(answer, defaultModel);
        }

        private static String orDefault(String value, String fallback) {
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    record Breaker(Integer failureThreshold, Duration openFor) {

        Breaker {
            failureThreshold = failureThreshold == null || failureThreshold < 1 ? 5 : failureThreshold;
            openFor = openFor == null ? Duration.ofMinutes(1) : openFor;
        }
    }

    /** @param confidenceThreshold below it the agent's draft goes to a person instead of the customer (default 0.7) */
    record Agent(Double confidenceThreshold) {

        Agent {
            confidenceThreshold = confidenceThreshold == null ? 0.7 : confidenceThreshold;
            if (confidenceThreshold < 0 || confidenceThreshold > 1) {
                throw new IllegalArgumentException("supportflow.ai.agent.confidence-threshold is between 0 and 1");
            }
        }
    }
}
