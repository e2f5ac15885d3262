package io.supportflow.ticket;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Sample tickets for the demo profile, created through the real service and workflow. */
@Component
public class DemoTickets {

    private final TicketService service;

    DemoTickets(TicketService service) {
        this.service = service;
    }

    @Transactional
    public void seed(Actor actor) {
        create("I was charged twice for my subscription", "Hello, my card shows two charges of 49 EUR this month. Can you refund one?",
                "Jane Doe", "jane@acme.example", Priority.HIGH, "billing", List.of("refund"), Channel.EMAIL, actor);
        create("Cannot sign in after password reset", "The reset link works but then the login page says my password is wrong.",
                "Sam Smith", "sam@example.org", Priority.MEDIUM, "account", List.of("login"), Channel.PORTAL, actor);
        create("Production API returns 500 for all requests", "Since 09:12 UTC every call to /orders fails with HTTP 500. We are losing sales.",
                "Jane Doe", "jane@acme.example", Priority.URGENT, "technical", List.of("outage", "api"), Channel.PHONE, actor);
        create("Please add dark mode", "It would be great if the dashboard had a dark theme.",
                "Lee Park", "lee@example.net", Priority.LOW, "feature_request", List.of(), Channel.WEB_FORM, actor);
        create("Where can I download my invoices?", "I need the invoices of last year for our accountant.",
                "Sam Smith", "sam@example.org", Priority.MEDIUM, "general", List.of("invoices"), Channel.EMAIL, actor);
    }

    private void create(String subject, String description, String name, String email, Priority priority, String category,
            List<String> tags, Channel channel, Actor actor) {
        service.create(new TicketCommands.NewTicket(subject, description, MessageBody.Format.TEXT, name, email, priority,
                category, tags, Map.of(), channel), actor);
    }
}
