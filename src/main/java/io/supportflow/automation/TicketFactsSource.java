package io.supportflow.automation;

import io.supportflow.customer.CustomerDirectory;
import io.supportflow.sla.BusinessCalendars;
import io.supportflow.ticket.Ticket;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * A ticket as the rules see it, read when the event is evaluated (so rules see the end state of the operation).
 * Business hours are those of the ticket's team at the engine's clock (which tests move).
 */
@Component
class TicketFactsSource {

    private final CustomerDirectory customers;
    private final BusinessCalendars calendars;

    TicketFactsSource(CustomerDirectory customers, BusinessCalendars calendars) {
        this.customers = customers;
        this.calendars = calendars;
    }

    TicketFacts of(Ticket t) {
        String organization = customers.findByEmail(t.getTenantId(), t.getRequesterEmail())
                .map(CustomerDirectory.KnownCustomer::organizationName).orElse(null);
        boolean open = calendars.forTeam(t.getTenantId(), t.getTeam()).isOpen(ClockUtil.now().toInstant());
        return new TicketFacts(t.getNumber(), t.getStatus().name(), t.getPriority().name(), t.getCategory(),
                t.getChannel().name(), t.getTeam(), t.getAssignee(), t.getTags(), t.getSubject(), t.getDescription(),
                t.getRequesterEmail(), t.getRequesterName(), organization, t.getCustomFields(), open, t.getLanguage());
    }
}
