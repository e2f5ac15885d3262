package io.supportflow.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.customer.CustomerAccounts;
import io.supportflow.customer.CustomerDirectory;
import io.supportflow.mail.TicketAttachments;
import io.supportflow.portal.PortalFixtures.Customer;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Isolation matrix: customers of two organizations (and a ticket of a third tenant, written straight into the
 * database with the first customer's own customer id) try every portal route with each other's ticket numbers
 * and attachment ids; internal notes, with their attachment, never appear in any portal response.
 */
@IntegrationTest
class PortalIsolationIntegrationTest {

    static final String TICKETS = "/api/portal/v1/tickets";

    @LocalServerPort
    int port;

    @Autowired
    CustomerAccounts accounts;

    @Autowired
    CustomerDirectory directory;

    @Autowired
    TicketAttachments attachments;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    record Victim(String number, long attachmentId) {
    }

    @Test
    void customersReachOnlyTheirOwnTicketsAndNeverSeeInternalNotes() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String domainA = "iso-a-" + suffix + ".example";
        String domainB = "iso-b-" + suffix + ".example";
        directory.addOrganization(accounts.tenant(), "Iso A " + suffix, domainA, "STANDARD");
        directory.addOrganization(accounts.tenant(), "Iso B " + suffix, domainB, "STANDARD");
        Customer ann = PortalFixtures.customer(port, accounts, "Ann A", domainA);
        Customer abe = PortalFixtures.customer(port, accounts, "Abe A", domainA);
        Customer bea = PortalFixtures.customer(port, accounts, "Bea B", domainB);
        assertThat(ann.principal().organizationId()).isNotNull().isEqualTo(abe.principal().organizationId());
        assertThat(bea.principal().organizationId()).isNotNull().isNotEqualTo(ann.principal().organizationId());

        Victim annTicket = ticketWithFile(ann, "Ann's ticket");
        Victim beaTicket = ticketWithFile(bea, "Bea's ticket");
        String secret = "SECRET-NOTE-" + suffix;
        long noteFile = internalNoteWithFile(annTicket.number(), secret);
        internalNoteWithFile(beaTicket.number(), secret);
        Victim otherTenant = otherTenantTicket(ann, suffix);

        List<String> annBodies = new ArrayList<>();
        // Ann's own ticket works, and shows nothing of the note: not its text, its file, its count or its time
        Api.Response own = ann.api().get(TICKETS + "/" + annTicket.number());
        annBodies.add(own.body());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("messages")).hasSize(1);
        Instant noteAt = jdbc.sql("SELECT max(m.created_at) FROM ticket_message m JOIN ticket t ON t.id = m.ticket_id WHERE t.number = ? AND m.internal")
                .param(annTicket.number()).query(Timestamp.class).single().toInstant();
        assertThat(Instant.parse(own.json().path("lastActivityAt").asText())).isBefore(noteAt);
        annBodies.add(ann.api().get(TICKETS).body());
        annBodies.add(ann.api().get(TICKETS + "?q=" + secret).body());
        assertThat(ann.api().get(TICKETS + "/" + annTicket.number() + "/attachments/" + noteFile).status()).isEqualTo(404);
        Api.Response download = ann.api().get(TICKETS + "/" + annTicket.number() + "/attachments/" + annTicket.attachmentId());
        assertThat(download.status()).isEqualTo(200);
        Api.Response replied = ann.api().post(TICKETS + "/" + annTicket.number() + "/messages", Map.of("body", "My own reply"));
        assertThat(replied.status()).isEqualTo(201);
        annBodies.add(replied.body());
        for (String body : annBodies) {
            assertThat(body).doesNotContain(secret).doesNotContain("secret-note.txt");
        }

        // the matrix: every ticket route, with someone else's ticket → 404, and nothing changes on that ticket
        record Attempt(Customer who, Victim victim) {
        }
        List<Attempt> attempts = List.of(new Attempt(ann, beaTicket), new Attempt(abe, annTicket), new Attempt(abe, beaTicket),
                new Attempt(bea, annTicket), new Attempt(ann, otherTenant), new Attempt(bea, otherTenant), new Attempt(abe, otherTenant));
        for (Attempt attempt : attempts) {
            String base = TICKETS + "/" + attempt.victim().number();
            long messagesBefore = messages(attempt.victim().number());
            for (Function<Api, Api.Response> route : List.<Function<Api, Api.Response>>of(
                    api -> api.get(base),
                    api -> api.post(base + "/messages", Map.of("body", "Let me in")),
                    api -> new Multipart().field("body", "Let me in").file("attachments", "x.txt", "text/plain", new byte[] {1})
                            .post(api, base + "/messages"),
                    api -> api.get(base + "/attachments/" + attempt.victim().attachmentId()),
                    api -> api.get(base + "/attachments/" + noteFile))) {
                Api.Response response = route.apply(attempt.who().api());
                assertThat(response.status()).as("%s on %s: %s", attempt.who().email(), base, response.body()).isEqualTo(404);
                assertThat(response.body()).doesNotContain(secret);
            }
            assertThat(messages(attempt.victim().number())).isEqualTo(messagesBefore);
            assertThat(PortalTicketsIntegrationTest.numbers(attempt.who().api().get(TICKETS + "?q=" + attempt.victim().number()).json()))
                    .isEmpty();
        }
        // someone else's attachment id through one's own ticket number is not found either
        assertThat(ann.api().get(TICKETS + "/" + annTicket.number() + "/attachments/" + beaTicket.attachmentId()).status()).isEqualTo(404);
        assertThat(ann.api().get(TICKETS + "/" + annTicket.number() + "/attachments/" + otherTenant.attachmentId()).status()).isEqualTo(404);
        assertThat(PortalTicketsIntegrationTest.numbers(ann.api().get(TICKETS + "?limit=100").json()))
                .containsExactly(annTicket.number());

        // routes that are not about one ticket: a customer's own data only, or refused
        assertThat(bea.api().get("/api/portal/v1/profile").json().path("email").asText()).isEqualTo(bea.email());
        assertThat(bea.api().get("/api/v1/tickets/" + beaTicket.number()).status()).isEqualTo(401);
        assertThat(bea.api().get("/api/v1/kb/deflection").status()).isEqualTo(401);
        assertThat(bea.api().send("PUT", "/api/v1/admin/branding", Map.of("name", "x", "primaryColor", "#000000",
                "textColor", "#ffffff")).status()).isEqualTo(401);
        assertThat(Api.as(port, "alice").send("PUT", "/api/v1/admin/portal", Map.of("organizationTickets", true)).status())
                .isEqualTo(403);

        // with the organization's tickets shared, Abe sees Ann's ticket (public messages only), Bea still does not
        Api admin = Api.as(port, "demo");
        try {
            assertThat(admin.send("PUT", "/api/v1/admin/portal", Map.of("organizationTickets", true)).status()).isEqualTo(200);
            JsonNode shared = abe.api().get(TICKETS + "/" + annTicket.number()).json();
            assertThat(shared.path("mine").asBoolean()).isFalse();
            assertThat(shared.path("requesterName").asText()).isEqualTo("Ann A");
            Api.Response sharedRaw = abe.api().get(TICKETS + "/" + annTicket.number());
            assertThat(sharedRaw.body()).doesNotContain(secret);
            assertThat(PortalTicketsIntegrationTest.numbers(abe.api().get(TICKETS).json())).contains(annTicket.number());
            Api.Response colleague = abe.api().post(TICKETS + "/" + annTicket.number() + "/messages", Map.of("body", "Abe here, same problem"));
            assertThat(colleague.status()).isEqualTo(201);
            JsonNode last = colleague.json().path("messages").get(colleague.json().path("messages").size() - 1);
            assertThat(last.path("authorName").asText()).isEqualTo("Abe A");
            assertThat(last.path("fromMe").asBoolean()).isTrue();
            assertThat(bea.api().get(TICKETS + "/" + annTicket.number()).status()).isEqualTo(404);
            assertThat(abe.api().get(TICKETS + "/" + beaTicket.number()).status()).isEqualTo(404);
            assertThat(ann.api().get(TICKETS + "/" + otherTenant.number()).status()).isEqualTo(404);
            assertThat(abe.api().get(TICKETS + "/" + otherTenant.number()).status()).isEqualTo(404);
        } finally {
            admin.send("PUT", "/api/v1/admin/portal", "{\"organizationTickets\": null}");
        }
        assertThat(abe.api().get(TICKETS + "/" + annTicket.number()).status()).isEqualTo(404);
    }

    private Victim ticketWithFile(Customer customer, String subject) {
        Api.Response created = new Multipart().field("subject", subject).field("description", "Public description")
                .file("attachments", "public.txt", "text/plain", "public file".getBytes(StandardCharsets.UTF_8))
                .post(customer.api(), TICKETS);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Victim(created.json().path("number").asText(),
                created.json().path("messages").get(0).path("attachments").get(0).path("id").asLong());
    }

    /** An agent's internal note through the agents' API, and a file on that note. */
    private long internalNoteWithFile(String number, String secret) {
        Api.Response note = Api.as(port, "demo").post("/api/v1/tickets/" + number + "/messages",
                Map.of("body", secret + " the customer is on the old plan", "internal", true));
        assertThat(note.status()).as(note.body()).isIn(200, 201);
        long ticketId = jdbc.sql("SELECT id FROM ticket WHERE number = ? AND tenant_id = 'default'").param(number).query(Long.class).single();
        long noteId = jdbc.sql("SELECT id FROM ticket_message WHERE ticket_id = ? AND internal ORDER BY id DESC LIMIT 1")
                .param(ticketId).query(Long.class).single();
        return transactions.execute(status -> attachments.store(ticketId, noteId, "secret-note.txt",
                (secret + " in a file").getBytes(StandardCharsets.UTF_8))).id();
    }

    /** A ticket of another tenant that even names the first customer as its requester: tenants never mix. */
    private Victim otherTenantTicket(Customer owner, String suffix) {
        String tenant = "iso-" + suffix;
        jdbc.sql("INSERT INTO tenant (id, name, number_format) VALUES (?, 'Other tenant', 'OTH-{yyyy}-{seq:6}')").param(tenant).update();
        String number = "OTH-" + suffix;
        long ticketId = jdbc.sql("""
                INSERT INTO ticket (tenant_id, number, subject, description, requester_name, requester_email, customer_id,
                    organization_id, channel, status, priority, category, created_at, updated_at)
                VALUES (?, ?, 'Other tenant ticket', 'Not yours', 'Ann A', ?, ?, ?, 'PORTAL', 'OPEN', 'MEDIUM', 'general', now(), now())
                RETURNING id""")
                .params(tenant, number, owner.email(), owner.principal().customerId(), owner.principal().organizationId())
                .query(Long.class).single();
        jdbc.sql("""
                INSERT INTO ticket_message (ticket_id, author_type, author_id, author_name, internal, body_html, body_text, created_at)
                VALUES (?, 'CUSTOMER', ?, 'Ann A', false, '<p>Not yours</p>', 'Not yours', now())""")
                .params(ticketId, owner.email()).update();
        long attachment = jdbc.sql("""
                INSERT INTO mail_attachment (ticket_id, file_name, content_type, size_bytes, storage_key)
                VALUES (?, 'other.txt', 'text/plain', 3, ?) RETURNING id""")
                .params(ticketId, UUID.randomUUID().toString().replace("-", "")).query(Long.class).single();
        return new Victim(number, attachment);
    }

    private long messages(String number) {
        return jdbc.sql("SELECT count(*) FROM ticket_message m JOIN ticket t ON t.id = m.ticket_id WHERE t.number = ?")
                .param(number).query(Long.class).single();
    }
}
