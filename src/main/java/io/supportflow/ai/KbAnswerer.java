package io.supportflow.ai;

import io.supportflow.common.LanguageGuess;
import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.kb.KbPassage;
import io.supportflow.kb.KnowledgeBase;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.MessageBody;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketCommands;
import io.supportflow.ticket.TicketService;
import io.supportflow.ticket.TicketStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The autonomous agent's steps (processes/answer-from-knowledge-base.bpmn). It reads only the ticket's public
 * conversation and published public articles, so nothing from internal notes, internal articles or other tickets
 * can reach the customer; what it sends is plain text, sanitised like any message.
 */
@Service
@Transactional
class KbAnswerer {

    static final Actor ASSISTANT = Actor.system("ai", "AI assistant");

    record DraftOutcome(long suggestionId, double confidence) {
    }

    private final TicketService tickets;
    private final TicketTexts texts;
    private final KnowledgeBase kb;
    private final AiGateway gateway;
    private final AiStore store;

    private final io.supportflow.common.PublicUrl publicUrl;

    KbAnswerer(TicketService tickets, TicketTexts texts, KnowledgeBase kb, AiGateway gateway, AiStore store,
            io.supportflow.common.PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
        this.tickets = tickets;
        this.texts = texts;
        this.kb = kb;
        this.gateway = gateway;
        this.store = store;
    }

    DraftOutcome draft(long ticketId) {
        List<AiStore.Suggestion> earlier = store.suggestions(ticketId, List.of(AiStore.Kind.KB_ANSWER));
        if (!earlier.isEmpty()) {
            AiStore.Suggestion last = earlier.get(earlier.size() - 1);
            return new DraftOutcome(last.id(), last.confidence() == null ? 0 : last.confidence());
        }
        Ticket ticket = tickets.findById(ticketId).orElseThrow();
        String question = texts.of(ticket, false).customerText();
        List<AiProvider.Passage> passages = passages(question);
        String input = question + "\n" + String.join(",", passages.stream().map(AiProvider.Passage::slug).toList());
        AiGateway.Answer<AiProvider.Draft> answer = gateway.call(ticketId, "kb_answer", input, p -> p.answerFromKb(question, passages));
        AiProvider.Draft draft = answer.value();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", MessageBody.fromText(draft.text().isBlank() ? "-" : draft.text()).text());
        payload.put("sources", sources(draft.sources(), passages));
        payload.put("language", LanguageGuess.frenchOrEnglish(question));
        String hash = AiGateway.hash(input);
        long id = store.addSuggestion(ticketId, AiStore.Kind.KB_ANSWER, null, AiJson.write(payload), draft.confidence(),
                AiStore.State.SUGGESTED, answer.usage(), hash, ClockUtil.now().toInstant());
        tickets.recordActivity(ticketId, ASSISTANT, "ai_answer_drafted", null, null, TicketClassifier.audit(answer.usage(), hash,
                String.format(Locale.ROOT, "confidence=%.2f sources=%s", draft.confidence(), String.join(",", draft.sources()))));
        return new DraftOutcome(id, draft.confidence());
    }

    /**
     * Sends the draft as a public reply and ends the agent's turn (waiting on the customer), unless the ticket is no
     * longer waiting for its first answer (an agent answered, or it ended): then the draft is only handed over.
     */
    boolean send(long ticketId, long suggestionId) {
        Ticket ticket = tickets.findById(ticketId).orElseThrow();
        AiStore.Suggestion suggestion = store.suggestion(suggestionId).orElseThrow();
        if (suggestion.state() == AiStore.State.SENT) {
            return true;
        }
        if (ticket.getStatus().ended() || !ticket.getStatus().withAgent() || ticket.getFirstRespondedAt() != null
                || ticket.getSnoozedUntil() != null || ticket.getMergedIntoId() != null) {
            store.setState(suggestionId, AiStore.State.HANDED_OVER);
            tickets.recordActivity(ticketId, ASSISTANT, "ai_answer_withheld", null, null, "the ticket is " + ticket.getStatus()
                    + (ticket.getFirstRespondedAt() != null ? " and an agent answered first" : ""));
            return false;
        }
        JsonNode payload = AiJson.read(suggestion.payload());
        boolean fr = "fr".equals(payload.path("language").asText());
        StringBuilder body = new StringBuilder(payload.path("text").asText());
        if (payload.path("sources").size() > 0) {
            body.append(fr ? "\n\nSources : " : "\n\nSources: ");
            payload.path("sources").forEach(s -> body.append("\n- ").append(s.path("title").asText())
                    .append(" (").append(publicUrl.link("/portal/kb.html?slug="
                            + java.net.URLEncoder.encode(s.path("slug").asText(), java.nio.charset.StandardCharsets.UTF_8))).append(")"));
        }
        body.append(fr ? "\n\nCette réponse a-t-elle résolu votre problème ? Répondez « oui » si c'est le cas, ou dites-nous ce qui ne va "
                + "toujours pas : un membre de l'équipe prendra le relais."
                : "\n\nDid this solve your problem? Reply \"yes\" if it did, or tell us what is still wrong and a member of our team "
                + "will take over.");
        body.append(fr ? "\n\n(Réponse automatique de l'assistant, tirée de notre centre d'aide.)"
                : "\n\n(Automatic answer by our assistant, from our help centre.)");
        tickets.addMessageById(ticketId, new TicketCommands.NewMessage(body.toString(), MessageBody.Format.TEXT, false, null,
                Actor.Type.AGENT), ASSISTANT);
        tickets.updateById(ticketId, TicketCommands.Changes.none().withStatus(TicketStatus.WAITING_ON_CUSTOMER), ASSISTANT);
        store.setState(suggestionId, AiStore.State.SENT);
        tickets.recordActivity(ticketId, ASSISTANT, "ai_answer_sent", null, null, "suggestion=" + suggestionId);
        return true;
    }

    void leaveDraftForAgent(long ticketId, long suggestionId, double confidence, double threshold) {
        store.setState(suggestionId, AiStore.State.HANDED_OVER);
        tickets.recordActivity(ticketId, ASSISTANT, "ai_answer_handed_over", null, null,
                String.format(Locale.ROOT, "confidence=%.2f below %.2f: the draft waits for an agent", confidence, threshold));
    }

    void resolve(long ticketId) {
        Ticket ticket = tickets.findById(ticketId).orElseThrow();
        if (ticket.getStatus().ended() || ticket.getStatus() == TicketStatus.RESOLVED || ticket.getSnoozedUntil() != null
                || ticket.getMergedIntoId() != null) {
            return;
        }
        tickets.updateById(ticketId, TicketCommands.Changes.none().withStatus(TicketStatus.RESOLVED), ASSISTANT);
        tickets.recordActivity(ticketId, ASSISTANT, "ai_answer_solved", null, null, "the customer said the answer solved it");
    }

    void handOver(long ticketId) {
        tickets.recordActivity(ticketId, ASSISTANT, "ai_answer_not_solved", null, null,
                "the customer's reply did not confirm the answer; the ticket is with the team");
    }

    /** The published public articles that best match a text (customer-facing answers use nothing else). */
    List<AiProvider.Passage> passages(String text) {
        List<KbPassage> found = kb.publicPassages(TextAnalysis.keywords(text, 12), 3);
        return found.stream().map(p -> new AiProvider.Passage(p.slug(), p.title(), p.text(), p.rank())).toList();
    }

    static List<Map<String, String>> sources(List<String> slugs, List<AiProvider.Passage> passages) {
        return slugs.stream().flatMap(slug -> passages.stream().filter(p -> p.slug().equals(slug)).limit(1))
                .map(p -> Map.of("slug", p.slug(), "title", p.title())).toList();
    }
}
