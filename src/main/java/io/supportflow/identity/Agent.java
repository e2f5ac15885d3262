package io.supportflow.identity;

import java.util.Set;

/**
 * A staff member as the rest of the application sees them: a Camunda identity user, their groups
 * (teams), and whether they administer the desk.
 */
public record Agent(String id, String displayName, Set<String> groups, Set<String> tenants, boolean admin) {

    public static final String ADMIN_GROUP = "camunda-admin";

    public boolean memberOf(String team) {
        return team != null && groups.contains(team);
    }
}
