package io.supportflow.ticket;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Applies supportflow.tickets.number-format to the tenant at start (a bad format stops the start). */
@Component
class TicketNumberFormat {

    private final TicketNumbers numbers;
    private final TicketSettings settings;

    TicketNumberFormat(TicketNumbers numbers, TicketSettings settings) {
        this.numbers = numbers;
        this.settings = settings;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(1)
    void apply() {
        numbers.configure(settings.tenant(), settings.numberFormat());
    }
}
