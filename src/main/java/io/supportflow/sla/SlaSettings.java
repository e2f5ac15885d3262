package io.supportflow.sla;

import io.supportflow.ticket.TicketStatus;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param pauseOn the statuses during which the clocks pause */
@ConfigurationProperties("supportflow.sla")
record SlaSettings(Set<TicketStatus> pauseOn) {

    SlaSettings {
        pauseOn = pauseOn == null ? Set.of(TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.WAITING_ON_THIRD_PARTY) : Set.copyOf(pauseOn);
    }
}
