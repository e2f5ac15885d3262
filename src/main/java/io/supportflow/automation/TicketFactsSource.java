package io.supportflow.automation;

import io.supportflow.customer.CustomerDirectory;
import io.supportflow.ticket.Ticket;
import org.springframework.stereotype.Component;

/** A ticket as the rules see it, read when the event is evaluated (so rules see the end state of the operation). */
@Component
class TicketFactsSource {

    private final CustomerDirectory customers;

    TicketFactsSource(CustomerDirectory customers) {
        this.customers = customers;
    }

    TicketFacts of(Ticket t) {
        String organization = customers.findByEmail(t.getTenantId(), t.getRequesterEmail())
                .map(CustomerDirectory.KnownCustomer::organizationName).orElse(null);
        return new TicketFacts(t.getNumber(), t.getStatus().name(), t.getPriority().name(), t.getCategory(),
                t.getChannel().name(), t.getTeam(), t.getAssignee(), t.getTags(), t.getSubject(), t.getDescription(),
                t.getRequesterEmail(), t.getRequesterName(), organization, t.getCustomFields());
    }
}
