package io.supportflow.identity;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every identity user is staff (customers have accounts of their own), so every one may open
 * Tasklist and see the "Team queue" filter. Which tasks they see is decided by the engine's
 * task authorizations: a team's candidate-group tasks are visible to its members only.
 */
@Component
class StaffAccess {

    static final String TEAM_QUEUE_FILTER = "Team queue";
    private static final String ALL_USERS = Authorization.ANY;

    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;

    StaffAccess(AuthorizationService authorizations, FilterService filters, TaskService tasks) {
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(0)
    void ensure() {
        grantToEveryone(Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        // Tasklist shows the process name and loads the deployed form through the definition
        grantToEveryone(Resources.PROCESS_DEFINITION, ALL_USERS, Permissions.READ);
        String filterId = teamQueueFilter();
        grantToEveryone(Resources.FILTER, filterId, Permissions.READ);
    }

    private String teamQueueFilter() {
        Filter existing = filters.createFilterQuery().filterName(TEAM_QUEUE_FILTER).singleResult();
        if (existing != null) {
            return existing.getId();
        }
        Filter filter = filters.newTaskFilter(TEAM_QUEUE_FILTER)
                .setOwner(null)
                .setQuery(tasks.createTaskQuery().orderByTaskPriority().desc().orderByTaskCreateTime().asc())
                .setProperties(Map.of(
                        "description", "Tickets waiting for an agent in your teams, most urgent first",
                        "priority", -10,
                        "refresh", true,
                        "variables", List.of(
                                Map.of("name", "ticketNumber", "label", "Ticket"),
                                Map.of("name", "subject", "label", "Subject"),
                                Map.of("name", "requester", "label", "Requester"))));
        return filters.saveFilter(filter).getId();
    }

    private void grantToEveryone(Resource resource, String resourceId, Permission permission) {
        boolean present = authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GLOBAL)
                .resourceType(resource).resourceId(resourceId).hasPermission(permission).count() > 0;
        if (present) {
            return;
        }
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
        grant.setUserId(ALL_USERS);
        grant.setResource(resource);
        grant.setResourceId(resourceId);
        grant.addPermission(permission);
        authorizations.saveAuthorization(grant);
    }
}
