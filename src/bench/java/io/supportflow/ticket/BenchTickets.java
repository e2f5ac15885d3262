package io.supportflow.ticket;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The benchmark's door into the ticket package (its commands are package-private): creates a
 * ticket through the real service layer, exactly as the REST controller does, and fires the
 * real "response due" step for the timer storm. Compiled only with -Pbench.
 */
@Component
public class BenchTickets {

    private final TicketService service;

    BenchTickets(TicketService service) {
        this.service = service;
    }

    public String create(String subject, String description, String name, String email, String priority, String category,
            String channel) {
        return service.create(new TicketCommands.NewTicket(subject, description, MessageBody.Format.TEXT, name, email,
                Priority.valueOf(priority), category, List.of("bench"), Map.of(), Channel.valueOf(channel)),
                Actor.agent("alice", "Alice Archer")).getNumber();
    }
}
