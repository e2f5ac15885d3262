package io.supportflow.ai;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every AI call goes through here: the configured provider, the call log (ai_call, failures committed on their own
 * so they survive the caller's rollback), and the metrics {@code supportflow.ai.calls} (latency, by feature,
 * provider and outcome) and {@code supportflow.ai.tokens} (cost). Agent-facing features may fall back to the
 * offline provider when the configured one fails; jobs do not (they fail, are retried, and end as incidents).
 */
@Component
class AiGateway {

    private static final Logger log = LoggerFactory.getLogger(AiGateway.class);

    /** A provider's answer, and whether it came from the offline fallback because the configured provider failed. */
    record Answer<T>(AiProvider.Result<T> result, boolean degraded) {

        T value() {
            return result.value();
        }

        AiProvider.Usage usage() {
            return result.usage();
        }
    }

    private AiProvider provider;
    private final OfflineProvider offline = new OfflineProvider();
    private final AiStore store;
    private final MeterRegistry metrics;
    private final TransactionTemplate separately;

    AiGateway(AiProvider provider, AiStore store, MeterRegistry metrics, PlatformTransactionManager transactions) {
        this.provider = provider;
        this.store = store;
        this.metrics = metrics;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    String providerName() {
        return provider.name();
    }

    /** The call for a job: a failure is recorded and thrown (the engine retries, then raises an incident). */
    <T> Answer<T> call(Long ticketId, String feature, String input, Function<AiProvider, AiProvider.Result<T>> call) {
        return call(ticketId, feature, input, call, false);
    }

    /** The call for an agent waiting on a screen: on failure the offline provider answers, marked as degraded. */
    <T> Answer<T> callOrFallBack(Long ticketId, String feature, String input, Function<AiProvider, AiProvider.Result<T>> call) {
        return call(ticketId, feature, input, call, true);
    }

    private <T> Answer<T> call(Long ticketId, String feature, String input, Function<AiProvider, AiProvider.Result<T>> call,
            boolean fallBack) {
        String hash = hash(input);
        long start = System.nanoTime();
        try {
            AiProvider.Result<T> result = call.apply(provider);
            succeeded(ticketId, feature, hash, result.usage());
            return new Answer<>(result, false);
        } catch (AiUnavailableException e) {
            long latency = (System.nanoTime() - start) / 1_000_000;
            boolean skipped = e instanceof AiUnavailableException.CircuitOpen;
            String outcome = skipped ? "SKIPPED" : "FAILED";
            log.warn("AI {} for ticket {} {} ({}): {}", feature, ticketId, outcome.toLowerCase(), provider.name(), e.getMessage());
            Timer.builder("supportflow.ai.calls").tag("feature", feature).tag("provider", provider.name())
                    .tag("outcome", outcome).register(metrics).record(Duration.ofMillis(latency));
            separately.executeWithoutResult(status -> store.recordCall(ticketId, feature, provider.name(), null, hash,
                    outcome, e.getMessage(), latency, 0, 0, ClockUtil.now().toInstant()));
            if (!fallBack || provider == offline || provider instanceof OfflineProvider) {
                throw e;
            }
            AiProvider.Result<T> result = call.apply(offline);
            succeeded(ticketId, feature, hash, result.usage());
            return new Answer<>(result, true);
        }
    }

    private void succeeded(Long ticketId, String feature, String hash, AiProvider.Usage usage) {
        Timer.builder("supportflow.ai.calls").tag("feature", feature).tag("provider", usage.provider())
                .tag("outcome", "OK").register(metrics).record(Duration.ofMillis(usage.latencyMillis()));
        Counter.builder("supportflow.ai.tokens").tag("provider", usage.provider()).tag("model", usage.model())
                .tag("kind", "prompt").register(metrics).increment(usage.promptTokens());
        Counter.builder("supportflow.ai.tokens").tag("provider", usage.provider()).tag("model", usage.model())
                .tag("kind", "completion").register(metrics).increment(usage.completionTokens());
        store.recordCall(ticketId, feature, usage.provider(), usage.model(), hash, "OK", null, usage.latencyMillis(),
                usage.promptTokens(), usage.completionTokens(), ClockUtil.now().toInstant());
    }

    static String hash(String input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
