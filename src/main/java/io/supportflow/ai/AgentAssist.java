package io.supportflow.ai;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.automation.CannedReplies;
import io.supportflow.ticket.MessageBody;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What agents ask of the AI about a ticket they can see: insights, a reply suggestion, a rewrite of their draft and a
 * summary. An agent waiting on a screen never gets an error because the provider is down: the offline provider
 * answers instead, and says so ({@code degraded}).
 */
@Service
@Transactional
class AgentAssist {

    record Sources(String slug, String title) {
    }

    record Suggestion(String text, String html, double confidence, List<Sources> sources, String provider, String model,
                      boolean degraded) {
    }

    record Rewritten(String text, String html, String style, boolean changed, String note, String provider, boolean degraded) {
    }

    record Summary(String summary, String provider, String model, boolean cached, Instant createdAt) {
    }

    record SentimentPoint(Instant at, Long messageId, double score, String label) {
    }

    record Insights(JsonNode classification, String classificationState, List<SentimentPoint> sentimentTrend,
                    List<JsonNode> drafts) {
    }

    static final int MAX_MACROS = 2;

    private final TicketTexts texts;
    private final KbAnswerer answerer;
    private final AiGateway gateway;
    private final AiStore store;
    private final TicketService tickets;
    private final CannedReplies cannedReplies;

    AgentAssist(TicketTexts texts, KbAnswerer answerer, AiGateway gateway, AiStore store, TicketService tickets,
            CannedReplies cannedReplies) {
        this.cannedReplies = cannedReplies;
        this.texts = texts;
        this.answerer = answerer;
        this.gateway = gateway;
        this.store = store;
        this.tickets = tickets;
    }

    @Transactional(readOnly = true)
    Insights insights(Ticket ticket) {
        List<AiStore.Suggestion> all = store.suggestions(ticket.getId(),
                List.of(AiStore.Kind.CLASSIFICATION, AiStore.Kind.SENTIMENT, AiStore.Kind.REPLY_DRAFT, AiStore.Kind.KB_ANSWER));
        JsonNode classification = null;
        String state = null;
        List<SentimentPoint> trend = new ArrayList<>();
        List<JsonNode> drafts = new ArrayList<>();
        for (AiStore.Suggestion s : all) {
            JsonNode payload = AiJson.read(s.payload());
            switch (s.kind()) {
                case CLASSIFICATION -> {
                    classification = payload;
                    state = s.state().name();
                    trend.add(new SentimentPoint(s.createdAt(), null, payload.path("sentimentScore").asDouble(),
                            payload.path("sentiment").asText()));
                }
                case SENTIMENT -> trend.add(new SentimentPoint(s.createdAt(), s.messageId(), payload.path("sentimentScore").asDouble(),
                        payload.path("sentiment").asText()));
                default -> {
                    var draft = AiJson.object();
                    draft.put("kind", s.kind().name());
                    draft.put("state", s.state().name());
                    draft.put("confidence", s.confidence() == null ? 0 : s.confidence());
                    draft.put("text", payload.path("text").asText());
                    draft.set("sources", payload.path("sources"));
                    draft.put("provider", s.provider());
                    draft.put("createdAt", s.createdAt().toString());
                    drafts.add(draft);
                }
            }
        }
        return new Insights(classification, state, trend, drafts.size() > 5 ? drafts.subList(drafts.size() - 5, drafts.size()) : drafts);
    }

    Suggestion suggestReply(Ticket ticket, String agentName) {
        AiProvider.TicketText text = texts.of(ticket, false);
        List<AiProvider.Passage> passages = new ArrayList<>(matchingMacros(ticket, text.customerText(), agentName));
        passages.addAll(answerer.passages(text.customerText()));
        String input = TicketTexts.canonical(text) + "\n" + String.join(",", passages.stream().map(AiProvider.Passage::slug).toList());
        AiGateway.Answer<AiProvider.Draft> answer = gateway.callOrFallBack(ticket.getId(), "reply_suggestion", input,
                p -> p.suggestReply(text, passages));
        MessageBody body = MessageBody.fromText(answer.value().text());
        List<Map<String, String>> sources = KbAnswerer.sources(answer.value().sources(), passages);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", body.text());
        payload.put("sources", sources);
        String hash = AiGateway.hash(input);
        store.addSuggestion(ticket.getId(), AiStore.Kind.REPLY_DRAFT, null, AiJson.write(payload), answer.value().confidence(),
                AiStore.State.SUGGESTED, answer.usage(), hash, ClockUtil.now().toInstant());
        tickets.recordActivity(ticket.getId(), TicketClassifier.AI, "ai_reply_suggested", null, null,
                TicketClassifier.audit(answer.usage(), hash, String.format(Locale.ROOT, "confidence=%.2f", answer.value().confidence())));
        return new Suggestion(body.text(), body.html(), answer.value().confidence(),
                sources.stream().map(s -> new Sources(s.get("slug"), s.get("title"))).toList(),
                answer.usage().provider(), answer.usage().model(), answer.degraded());
    }

    /**
     * The macros whose public reply shares the most keywords with what the customer wrote (at least two), best first:
     * a team's canned answers are often the best ground for a reply. Cited as {@code macro-<id>}.
     */
    List<AiProvider.Passage> matchingMacros(Ticket ticket, String customerText, String agentName) {
        java.util.Set<String> asked = new java.util.HashSet<>(TextAnalysis.keywords(customerText, 12));
        record Scored(CannedReplies.CannedReply reply, long shared) {
        }
        return cannedReplies.forTicket(ticket, agentName).stream()
                .map(reply -> new Scored(reply, TextAnalysis.keywords(reply.name() + " " + reply.text(), 50).stream()
                        .filter(asked::contains).count()))
                .filter(scored -> scored.shared() >= 2)
                .sorted(java.util.Comparator.comparingLong(Scored::shared).reversed())
                .limit(MAX_MACROS)
                .map(scored -> new AiProvider.Passage("macro-" + scored.reply().macroId(), "Macro: " + scored.reply().name(),
                        scored.reply().text(), Math.min(1.0, scored.shared() / 5.0)))
                .toList();
    }

    Rewritten rewrite(Ticket ticket, String draft, String style) {
        AiProvider.Style parsed = AiProvider.Style.parse(style);
        String language = parsed == AiProvider.Style.TRANSLATE ? style.substring("translate:".length()) : null;
        AiGateway.Answer<AiProvider.Rewrite> answer = gateway.callOrFallBack(ticket.getId(), "rewrite", style + "\n" + draft,
                p -> p.rewrite(draft, parsed, language));
        MessageBody body = MessageBody.fromText(answer.value().text());
        return new Rewritten(body.text(), body.html(), style, answer.value().changed(), answer.value().note(),
                answer.usage().provider(), answer.degraded());
    }

    /** The cached summary, or a new one (cached until the next message arrives). */
    Summary summary(Ticket ticket) {
        var cached = store.summary(ticket.getId());
        if (cached.isPresent()) {
            return new Summary(cached.get().summary(), cached.get().provider(), cached.get().model(), true, cached.get().createdAt());
        }
        AiProvider.TicketText text = texts.of(ticket, true);
        String input = TicketTexts.canonical(text);
        AiGateway.Answer<AiProvider.Summary> answer = gateway.callOrFallBack(ticket.getId(), "summary", input, p -> p.summarize(text));
        String summary = MessageBody.fromText(answer.value().text()).text();
        Instant now = ClockUtil.now().toInstant();
        store.putSummary(ticket.getId(), summary, answer.usage(), AiGateway.hash(input), now);
        return new Summary(summary, answer.usage().provider(), answer.usage().model(), false, now);
    }
}
