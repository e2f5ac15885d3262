package io.supportflow.sla;

import io.supportflow.ticket.Actor;
import io.supportflow.ticket.TicketMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which customer messages still wait for an answer. A customer message is answered when a public
 * agent reply followed it. After a split, the ticket and the ticket split off it are judged as the
 * one conversation they were: a reply answers whichever ticket either message lives in now (the
 * customer received it).
 */
record UnansweredMessages(List<TicketMessage> original, List<TicketMessage> split, Set<Long> unanswered) {

    static UnansweredMessages of(List<TicketMessage> original, List<TicketMessage> split) {
        List<TicketMessage> all = new ArrayList<>(original);
        all.addAll(split);
        all.sort(Comparator.comparing(TicketMessage::at).thenComparing(TicketMessage::id));
        Set<Long> unanswered = new HashSet<>();
        for (TicketMessage message : all) {
            if (message.internal()) {
                continue;
            }
            if (message.author().type() == Actor.Type.AGENT) {
                unanswered.clear();
            } else if (message.author().type() == Actor.Type.CUSTOMER) {
                unanswered.add(message.id());
            }
        }
        return new UnansweredMessages(original, split, unanswered);
    }

    /** Since when the customer waits for an answer in this conversation; empty when nothing waits. */
    static Optional<Instant> awaitingSince(List<TicketMessage> messages) {
        return of(messages, List.of()).originalAwaitingSince();
    }

    /** Since when the customer waits for an answer on the original ticket; empty when nothing there waits. */
    Optional<Instant> originalAwaitingSince() {
        return oldestUnanswered(original);
    }

    /** Since when the customer waits for an answer to the messages split off; empty when nothing there waits. */
    Optional<Instant> splitAwaitingSince() {
        return oldestUnanswered(split);
    }

    /** Customer messages were split off, and every one of them had been answered already. */
    boolean splitAnswered() {
        return split.stream().anyMatch(m -> !m.internal() && m.author().type() == Actor.Type.CUSTOMER)
                && splitAwaitingSince().isEmpty();
    }

    private Optional<Instant> oldestUnanswered(List<TicketMessage> messages) {
        return messages.stream().filter(m -> unanswered.contains(m.id())).map(TicketMessage::at).min(Instant::compareTo);
    }
}
