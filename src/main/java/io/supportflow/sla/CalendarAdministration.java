package io.supportflow.sla;

import io.supportflow.common.ConflictException;
import io.supportflow.common.InvalidInputException;
import io.supportflow.common.NotFoundException;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What admins do to calendars. A tenant has one default calendar (no team), which can be replaced
 * but not deleted or given to a team, and at most one override per team. Everything is checked
 * before anything is written.
 */
@Service
@Transactional
class CalendarAdministration {

    private final CalendarRepository calendars;
    private final IdentityService identity;
    private final String tenantId;

    /**
     * @param tenantId the installation's single tenant, the one tickets belong to (until
     *                 multi-tenancy takes it from the signed-in agent)
     */
    CalendarAdministration(CalendarRepository calendars, IdentityService identity,
            @Value("${supportflow.tickets.tenant:default}") String tenantId) {
        this.calendars = calendars;
        this.identity = identity;
        this.tenantId = tenantId;
    }

    @Transactional(readOnly = true)
    List<StoredCalendar> list() {
        return calendars.list(tenantId);
    }

    @Transactional(readOnly = true)
    StoredCalendar get(long id) {
        return calendars.find(tenantId, id).orElseThrow(() -> new NotFoundException("No calendar " + id + "."));
    }

    StoredCalendar create(String team, BusinessCalendar calendar) {
        checkTeam(team);
        checkUnique(null, team, calendar);
        try {
            return get(calendars.insert(tenantId, team, calendar));
        } catch (DuplicateKeyException e) {
            throw conflictOfConcurrentChange();
        }
    }

    StoredCalendar replace(long id, String team, BusinessCalendar calendar) {
        StoredCalendar existing = get(id);
        checkTeam(team);
        if (existing.isTenantDefault() && team != null) {
            throw new ConflictException("The tenant's default calendar cannot be given to a team; create a calendar for the team instead.");
        }
        checkUnique(id, team, calendar);
        try {
            calendars.replace(tenantId, id, team, calendar);
        } catch (DuplicateKeyException e) {
            throw conflictOfConcurrentChange();
        }
        return get(id);
    }

    void delete(long id) {
        StoredCalendar existing = get(id);
        if (existing.isTenantDefault()) {
            throw new ConflictException("The tenant's default calendar cannot be deleted; replace it instead.");
        }
        calendars.delete(tenantId, id);
    }

    private void checkTeam(String team) {
        if (team != null && identity.createGroupQuery().groupId(team).count() == 0) {
            throw new InvalidInputException("team", "no such team");
        }
    }

    private void checkUnique(Long id, String team, BusinessCalendar calendar) {
        Optional<Long> sameName = calendars.findByName(tenantId, calendar.name());
        if (sameName.isPresent() && !sameName.get().equals(id)) {
            throw new ConflictException("Another calendar is already called '" + calendar.name() + "'.");
        }
        Optional<Long> sameTeam = calendars.findIdForExactTeam(tenantId, team);
        if (sameTeam.isPresent() && !sameTeam.get().equals(id)) {
            throw new ConflictException(team == null
                    ? "The tenant already has a default calendar (the one without a team); give this one a team or replace the default."
                    : "Team '" + team + "' already has a calendar (" + sameTeam.get() + "); replace that one.");
        }
    }

    private static ConflictException conflictOfConcurrentChange() {
        return new ConflictException("Another calendar took this name or team meanwhile; reload and try again.");
    }
}
