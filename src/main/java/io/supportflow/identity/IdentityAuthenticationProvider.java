package io.supportflow.identity;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks agents' passwords against Camunda's identity service, so the API, Tasklist, Cockpit and
 * Admin share one set of accounts. The engine's own login throttling applies to every check.
 * A verified user id + password is remembered for {@link VerifiedCredentials#TIME_TO_LIVE}, so
 * an API client does not pay a password hash and three identity queries on every request.
 */
@Component
class IdentityAuthenticationProvider implements AuthenticationProvider {

    private static final int MAX_CREDENTIAL_LENGTH = 256;
    private final IdentityService identityService;
    private final VerifiedCredentials verified = new VerifiedCredentials();

    IdentityAuthenticationProvider(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        if (userId == null || userId.isBlank() || userId.length() > MAX_CREDENTIAL_LENGTH
                || password.length() > MAX_CREDENTIAL_LENGTH) {
            throw new BadCredentialsException("Bad credentials");
        }
        Agent agent = verified.get(userId, password).orElseGet(() -> {
            if (!checkPassword(userId, password)) {
                // a failed attempt puts the user back under the engine's throttling for every password
                verified.evict(userId);
                throw new BadCredentialsException("Bad credentials");
            }
            Agent loaded = load(userId);
            verified.put(userId, password, loaded);
            return loaded;
        });
        List<GrantedAuthority> authorities = agent.groups().stream()
                .map(g -> (GrantedAuthority) new SimpleGrantedAuthority("GROUP_" + g))
                .collect(Collectors.toList());
        authorities.add(new SimpleGrantedAuthority(agent.admin() ? "ROLE_ADMIN" : "ROLE_AGENT"));
        return UsernamePasswordAuthenticationToken.authenticated(agent, null, authorities);
    }

    private boolean checkPassword(String userId, String password) {
        try {
            return identityService.checkPassword(userId, password);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Agent load(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        String name = user == null ? userId : (nullToEmpty(user.getFirstName()) + " " + nullToEmpty(user.getLastName())).trim();
        Set<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).collect(Collectors.toCollection(HashSet::new));
        Set<String> tenants = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
                .stream().map(Tenant::getId).collect(Collectors.toSet());
        return new Agent(userId, name.isEmpty() ? userId : name, Set.copyOf(groups), tenants, groups.contains(Agent.ADMIN_GROUP));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
