package io.supportflow.demo;

import io.supportflow.customer.CustomerAccounts;
import io.supportflow.customer.CustomerDirectory;
import io.supportflow.ticket.Actor;
import io.supportflow.kb.DemoArticles;
import io.supportflow.ticket.DemoTickets;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo profile's accounts and sample tickets (listed in the README). Seeds once: a second
 * start finds the agents and leaves everything as it is.
 */
@Component
@Profile("demo")
class DemoData {

    record DemoAgent(String id, String firstName, String lastName, List<String> teams) {
    }

    static final List<String> TEAMS = List.of("general", "billing", "technical");
    static final List<DemoAgent> AGENTS = List.of(
            new DemoAgent("alice", "Alice", "Archer", List.of("billing")),
            new DemoAgent("bob", "Bob", "Baker", List.of("technical")),
            new DemoAgent("carol", "Carol", "Chen", List.of("general", "technical")),
            new DemoAgent("dave", "Dave", "Diaz", List.of("general")));

    /** The demo customer's portal password (jane@acme.example); the demo profile only. */
    static final String DEMO_CUSTOMER_PASSWORD = "jane-portal-demo";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final IdentityService identity;
    private final CustomerDirectory customers;
    private final CustomerAccounts accounts;
    private final DemoTickets tickets;
    private final DemoArticles articles;

    DemoData(IdentityService identity, CustomerDirectory customers, CustomerAccounts accounts, DemoTickets tickets,
            DemoArticles articles) {
        this.identity = identity;
        this.customers = customers;
        this.accounts = accounts;
        this.tickets = tickets;
        this.articles = articles;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(10)
    void seed() {
        if (identity.createUserQuery().userId("alice").count() > 0) {
            seedPortalCustomer(); // a demo database from before the portal gets its customer too
            return;
        }
        for (String team : TEAMS) {
            if (identity.createGroupQuery().groupId(team).count() > 0) {
                continue;
            }
            Group group = identity.newGroup(team);
            group.setName(Character.toUpperCase(team.charAt(0)) + team.substring(1) + " team");
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
        for (DemoAgent agent : AGENTS) {
            User user = identity.newUser(agent.id());
            user.setFirstName(agent.firstName());
            user.setLastName(agent.lastName());
            user.setEmail(agent.id() + "@supportflow.example");
            user.setPassword(agent.id());
            identity.saveUser(user);
            agent.teams().forEach(team -> identity.createMembership(agent.id(), team));
        }
        long acme = customers.addOrganization("default", "Acme Corp", "acme.example", "GOLD");
        customers.addCustomer("default", "Jane Doe", "jane@acme.example", acme);
        customers.addCustomer("default", "Sam Smith", "sam@example.org", null);
        seedPortalCustomer();
        tickets.seed(Actor.SYSTEM);
        articles.seed();
        log.info("Demo data seeded: admin demo/demo, agents alice, bob, carol, dave (password = user id), "
                + "portal customer jane@acme.example / " + DEMO_CUSTOMER_PASSWORD);
    }

    private void seedPortalCustomer() {
        if (!accounts.hasAccount("jane@acme.example")) {
            accounts.markEmailVerified(accounts.create("Jane Doe", "jane@acme.example", DEMO_CUSTOMER_PASSWORD).accountId());
        }
    }
}
