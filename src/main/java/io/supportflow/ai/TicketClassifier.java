package io.supportflow.ai;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.Priority;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketCommands;
import io.supportflow.ticket.TicketMessage;
import io.supportflow.ticket.TicketService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Classification of new tickets and sentiment of customer replies (the service tasks of
 * processes/ticket-classification.bpmn). Every result is stored as a suggestion and logged on the ticket; only
 * category and priority can be applied, only at or above the apply threshold, and only where nobody chose a value
 * yet (category still "general", priority still MEDIUM).
 */
@Service
@Transactional
class TicketClassifier {

    static final Actor AI = Actor.system("ai", "AI");

    private final TicketService tickets;
    private final TicketTexts texts;
    private final AiGateway gateway;
    private final AiStore store;
    private final AiSettings settings;
    private final ObjectMapper json = new ObjectMapper();

    TicketClassifier(TicketService tickets, TicketTexts texts, AiGateway gateway, AiStore store, AiSettings settings) {
        this.tickets = tickets;
        this.texts = texts;
        this.gateway = gateway;
        this.store = store;
        this.settings = settings;
    }

    void classify(long ticketId) {
        Optional<Ticket> found = tickets.findById(ticketId);
        if (found.isEmpty() || store.hasSuggestion(ticketId, AiStore.Kind.CLASSIFICATION, null)) {
            return;
        }
        Ticket ticket = found.get();
        AiProvider.TicketText text = texts.of(ticket, false);
        List<String> categories = texts.categories();
        String input = TicketTexts.canonical(text);
        AiGateway.Answer<AiProvider.Classification> answer = gateway.call(ticketId, "classify", input,
                p -> p.classify(text, categories));
        record(ticket, answer, AiGateway.hash(input));
    }

    /** Stores, logs and (above the threshold) applies a classification; public to the package for tests. */
    void record(Ticket ticket, AiGateway.Answer<AiProvider.Classification> answer, String inputHash) {
        AiProvider.Classification c = answer.value();
        double threshold = settings.applyThreshold();
        boolean open = !ticket.getStatus().ended() && ticket.getMergedIntoId() == null;
        boolean applyCategory = open && c.categoryConfidence() >= threshold && "general".equals(ticket.getCategory())
                && !c.category().equals(ticket.getCategory());
        boolean applyPriority = open && c.priorityConfidence() >= threshold && ticket.getPriority() == Priority.MEDIUM
                && c.priority() != ticket.getPriority();
        List<String> applied = new ArrayList<>();
        if (applyCategory) {
            applied.add("category");
        }
        if (applyPriority) {
            applied.add("priority");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sentimentScore", c.sentiment().score());
        payload.put("sentiment", c.sentiment().label().name());
        payload.put("category", c.category());
        payload.put("categoryConfidence", c.categoryConfidence());
        payload.put("priority", c.priority().name());
        payload.put("priorityConfidence", c.priorityConfidence());
        payload.put("language", c.language());
        payload.put("applied", applied);
        store.addSuggestion(ticket.getId(), AiStore.Kind.CLASSIFICATION, null, write(payload),
                Math.max(c.categoryConfidence(), c.priorityConfidence()),
                applied.isEmpty() ? AiStore.State.SUGGESTED : AiStore.State.APPLIED, answer.usage(), inputHash,
                ClockUtil.now().toInstant());
        tickets.recordActivity(ticket.getId(), AI, "ai_classified", null, null, audit(answer.usage(), inputHash,
                String.format(Locale.ROOT, "category=%s (%.2f) priority=%s (%.2f) sentiment=%s (%.2f) language=%s applied=%s",
                        c.category(), c.categoryConfidence(), c.priority(), c.priorityConfidence(),
                        c.sentiment().label().name().toLowerCase(Locale.ROOT), c.sentiment().score(), c.language(),
                        applied.isEmpty() ? "none" : String.join(",", applied))));
        if (!applied.isEmpty()) {
            tickets.updateById(ticket.getId(), new TicketCommands.Changes(applyPriority ? c.priority() : null,
                    applyCategory ? c.category() : null, null, null, null, false, null, null), AI);
        }
    }

    void assessReply(long ticketId, long messageId) {
        Optional<TicketMessage> message = tickets.findMessage(messageId).filter(m -> m.ticketId() == ticketId);
        if (message.isEmpty() || store.hasSuggestion(ticketId, AiStore.Kind.SENTIMENT, messageId)) {
            return;
        }
        String text = message.get().body().text();
        AiGateway.Answer<AiProvider.Sentiment> answer = gateway.call(ticketId, "sentiment", text, p -> p.sentiment(text));
        AiProvider.Sentiment s = answer.value();
        String hash = AiGateway.hash(text);
        store.addSuggestion(ticketId, AiStore.Kind.SENTIMENT, messageId,
                write(Map.of("sentimentScore", s.score(), "sentiment", s.label().name())), null, AiStore.State.SUGGESTED,
                answer.usage(), hash, ClockUtil.now().toInstant());
        tickets.recordActivity(ticketId, AI, "ai_sentiment", null, null, audit(answer.usage(), hash,
                String.format(Locale.ROOT, "message=%d sentiment=%s (%.2f)", messageId,
                        s.label().name().toLowerCase(Locale.ROOT), s.score())));
    }

    static String audit(AiProvider.Usage usage, String inputHash, String result) {
        return String.format(Locale.ROOT, "%s provider=%s model=%s input=sha256:%s latencyMs=%d tokens=%d/%d",
                result, usage.provider(), usage.model(), inputHash.substring(0, 16), usage.latencyMillis(),
                usage.promptTokens(), usage.completionTokens());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
