package io.supportflow.ticket;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start: applies supportflow.tickets.number-format to the tenant (a bad format stops the
 * start) and makes sure the fallback team exists, so that no routed ticket lands in a team
 * nobody can see.
 */
@Component
class TicketStartup {

    private final TicketNumbers numbers;
    private final TicketSettings settings;
    private final IdentityService identity;

    TicketStartup(TicketNumbers numbers, TicketSettings settings, IdentityService identity) {
        this.numbers = numbers;
        this.settings = settings;
        this.identity = identity;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(1)
    void apply() {
        numbers.configure(settings.tenant(), settings.numberFormat());
        if (identity.createGroupQuery().groupId(settings.fallbackTeam()).count() == 0) {
            Group team = identity.newGroup(settings.fallbackTeam());
            team.setName("Fallback team");
            team.setType("WORKFLOW");
            identity.saveGroup(team);
        }
    }
}
