package io.supportflow.ai;

import io.supportflow.common.LanguageGuess;
import io.supportflow.customer.CustomerPrincipal;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.Channel;
import io.supportflow.ticket.MessageBody;
import io.supportflow.ticket.Priority;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketCommands;
import io.supportflow.ticket.TicketService;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customers' help-centre assistant: answers a question from published public articles only (no ticket, no
 * internal note, no internal article is ever read), cites them, and turns the conversation into a ticket when the
 * customer wants a person.
 */
@Service
@Transactional
class PortalAssistant {

    record Source(String slug, String title, String url) {
    }

    record Answer(String answer, double confidence, boolean answered, List<Source> sources, boolean offerTicket,
                  String provider, boolean degraded) {
    }

    record Exchange(String question, String answer) {
    }

    private final KbAnswerer answerer;
    private final AiGateway gateway;
    private final AiSettings settings;
    private final TicketService tickets;

    PortalAssistant(KbAnswerer answerer, AiGateway gateway, AiSettings settings, TicketService tickets) {
        this.answerer = answerer;
        this.gateway = gateway;
        this.settings = settings;
        this.tickets = tickets;
    }

    Answer ask(String question) {
        List<AiProvider.Passage> passages = answerer.passages(question);
        String input = question + "\n" + String.join(",", passages.stream().map(AiProvider.Passage::slug).toList());
        AiGateway.Answer<AiProvider.Draft> answer = gateway.callOrFallBack(null, "assistant", input,
                p -> p.answerFromKb(question, passages));
        AiProvider.Draft draft = answer.value();
        boolean answered = !draft.sources().isEmpty() && draft.confidence() >= settings.agent().confidenceThreshold();
        boolean fr = "fr".equals(LanguageGuess.frenchOrEnglish(question));
        String text = answered ? MessageBody.fromText(draft.text()).text()
                : fr ? "Je n'ai pas trouvé de réponse sûre dans notre centre d'aide. Voulez-vous que nous créions une demande pour notre équipe ?"
                : "I could not find a reliable answer in our help centre. Shall we open a ticket for our team?";
        List<Source> sources = answered ? KbAnswerer.sources(draft.sources(), passages).stream()
                .map(s -> new Source(s.get("slug"), s.get("title"), "/portal/kb.html?slug=" + java.net.URLEncoder.encode(s.get("slug"), java.nio.charset.StandardCharsets.UTF_8))).toList() : List.of();
        return new Answer(text, draft.confidence(), answered, sources, true, answer.usage().provider(), answer.degraded());
    }

    /** A ticket from the customer, with the conversation they had with the assistant as its description. */
    Ticket createTicket(CustomerPrincipal customer, String subject, String message, List<Exchange> conversation) {
        StringBuilder description = new StringBuilder(message == null || message.isBlank() ? "" : message.strip() + "\n\n");
        if (!conversation.isEmpty()) {
            description.append("Conversation with the help-centre assistant:\n");
            for (Exchange e : conversation) {
                description.append("\nQ: ").append(e.question().strip()).append("\nA: ").append(e.answer() == null ? "" : e.answer().strip()).append('\n');
            }
        }
        String body = description.toString().strip();
        return tickets.create(new TicketCommands.NewTicket(subject.strip(), body.isEmpty() ? subject.strip() : body,
                MessageBody.Format.TEXT, customer.name(), customer.email().toLowerCase(Locale.ROOT), Priority.MEDIUM, null, List.of(),
                Map.of(), Channel.PORTAL), Actor.customer(customer.email(), customer.name()));
    }
}
