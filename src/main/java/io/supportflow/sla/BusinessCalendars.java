package io.supportflow.sla;

import org.springframework.stereotype.Component;

/**
 * Which business calendar applies: for the SLA clocks of a ticket, ask with its tenant and team.
 */
@Component
public class BusinessCalendars {

    private final CalendarRepository calendars;

    BusinessCalendars(CalendarRepository calendars) {
        this.calendars = calendars;
    }

    /**
     * The team's own calendar if it has one, else the tenant's default calendar, else
     * {@link BusinessCalendar#CALENDAR_TIME} (24/7). One indexed query; not cached, so a change made
     * on any node applies at once.
     *
     * @param team the ticket's team, or null for the tenant's default
     */
    public BusinessCalendar forTeam(String tenantId, String team) {
        return calendars.findForTeam(tenantId, team).map(StoredCalendar::calendar).orElse(BusinessCalendar.CALENDAR_TIME);
    }
}
