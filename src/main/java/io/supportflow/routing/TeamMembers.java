package io.supportflow.routing;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Team membership from the engine's identity service, read as the system: assignment happens in the
 * request of whoever created the ticket, who may not be allowed to list other users.
 */
@Component
class TeamMembers {

    private final IdentityService identity;

    TeamMembers(IdentityService identity) {
        this.identity = identity;
    }

    /** Members' ids, sorted. */
    List<String> of(String team) {
        return asSystem(() -> identity.createUserQuery().memberOfGroup(team).list().stream().map(User::getId).sorted().toList());
    }

    boolean teamExists(String team) {
        return asSystem(() -> identity.createGroupQuery().groupId(team).count() > 0);
    }

    <T> T asSystem(Supplier<T> work) {
        Authentication current = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (current != null) {
                identity.setAuthentication(current);
            }
        }
    }
}
