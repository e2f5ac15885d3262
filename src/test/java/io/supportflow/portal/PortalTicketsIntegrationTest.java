package io.supportflow.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.customer.CustomerAccounts;
import io.supportflow.portal.PortalFixtures.Customer;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class PortalTicketsIntegrationTest {

    static final String TICKETS = "/api/portal/v1/tickets";

    @LocalServerPort
    int port;

    @Autowired
    CustomerAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    private Customer customer() {
        return PortalFixtures.customer(port, accounts, "Pat Portal", "portal-tests.example");
    }

    private long ticketsOf(Customer customer) {
        return jdbc.sql("SELECT count(*) FROM ticket WHERE customer_id = ?").param(customer.principal().customerId())
                .query(Long.class).single();
    }

    private long attachmentsOf(Customer customer) {
        return jdbc.sql("SELECT count(*) FROM mail_attachment a JOIN ticket t ON t.id = a.ticket_id WHERE t.customer_id = ?")
                .param(customer.principal().customerId()).query(Long.class).single();
    }

    @Test
    void aCustomerOpensATicketWithAFileFollowsItRepliesAndDownloads() {
        Customer pat = customer();
        byte[] pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

        Api.Response created = new Multipart().field("subject", "Invoice total is wrong")
                .field("description", "The November invoice counts two seats twice.")
                .field("category", "billing")
                .file("attachments", "invoice.pdf", "application/pdf", pdf)
                .post(pat.api(), TICKETS);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String number = created.json().path("number").asText();
        assertThat(created.header("Location")).isEqualTo(TICKETS + "/" + number);
        assertThat(created.json().path("status").asText()).isEqualTo("NEW");
        assertThat(created.json().path("category").asText()).isEqualTo("billing");
        JsonNode description = created.json().path("messages").get(0);
        assertThat(description.path("text").asText()).isEqualTo("The November invoice counts two seats twice.");
        assertThat(description.path("fromMe").asBoolean()).isTrue();
        JsonNode file = description.path("attachments").get(0);
        assertThat(file.path("fileName").asText()).isEqualTo("invoice.pdf");
        assertThat(file.path("contentType").asText()).isEqualTo("application/pdf");

        // the agents see a portal ticket of this customer, and the file among its attachments
        Api admin = Api.as(port, "demo");
        JsonNode agentView = admin.get("/api/v1/tickets/" + number).json();
        assertThat(agentView.path("channel").asText()).isEqualTo("PORTAL");
        assertThat(agentView.path("requester").path("email").asText()).isEqualTo(pat.email());
        assertThat(admin.get("/api/v1/tickets/" + number + "/attachments").json().get(0).path("fileName").asText()).isEqualTo("invoice.pdf");

        Api.Response download = pat.api().get(TICKETS + "/" + number + "/attachments/" + file.path("id").asLong());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).startsWith("attachment").contains("invoice.pdf");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.body()).isEqualTo(new String(pdf, StandardCharsets.UTF_8));

        // the agent answers and waits on the customer; the customer's portal reply brings the ticket back to the agent
        Api.Response answered = admin.post("/api/v1/tickets/" + number + "/messages",
                Map.of("body", "Which seats are counted twice?", "status", "WAITING_ON_CUSTOMER"));
        assertThat(answered.status()).as(answered.body()).isIn(200, 201);
        assertThat(pat.api().get(TICKETS + "/" + number).json().path("status").asText()).isEqualTo("WAITING_ON_CUSTOMER");

        Api.Response replied = new Multipart().field("body", "Seats 3 and 4, see the screenshot.")
                .file("attachments", "screenshot.png", "image/png", png())
                .post(pat.api(), TICKETS + "/" + number + "/messages");

        assertThat(replied.status()).as(replied.body()).isEqualTo(201);
        JsonNode messages = replied.json().path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1).path("authorType").asText()).isEqualTo("AGENT");
        assertThat(messages.get(1).path("fromMe").asBoolean()).isFalse();
        JsonNode reply = messages.get(2);
        assertThat(reply.path("text").asText()).isEqualTo("Seats 3 and 4, see the screenshot.");
        assertThat(reply.path("fromMe").asBoolean()).isTrue();
        assertThat(reply.path("attachments").get(0).path("fileName").asText()).isEqualTo("screenshot.png");
        assertThat(reply.path("attachments").get(0).path("contentType").asText()).isEqualTo("image/png");
        JsonNode afterReply = admin.get("/api/v1/tickets/" + number).json();
        assertThat(afterReply.path("status").asText()).isEqualTo("OPEN");
        assertThat(admin.get("/api/v1/tickets/" + number + "/activity").body()).contains("customer_replied");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM act_ru_task k JOIN ticket t ON t.process_instance_id = k.proc_inst_id_ WHERE t.number = ?""")
                .param(number).query(Long.class).single()).isEqualTo(1);

        // a plain JSON reply works too
        Api.Response json = pat.api().post(TICKETS + "/" + number + "/messages", Map.of("body", "And thanks!"));
        assertThat(json.status()).as(json.body()).isEqualTo(201);
        assertThat(json.json().path("messages")).hasSize(4);
    }

    @Test
    void myTicketsAreFilteredSearchedAndPagedNewestActivityFirst() {
        Customer pat = customer();
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String first = PortalFixtures.openTicket(pat, "First " + word, "one");
        String second = PortalFixtures.openTicket(pat, "Second ticket", "two");
        String third = PortalFixtures.openTicket(pat, "Third ticket", "three");

        JsonNode page1 = pat.api().get(TICKETS + "?limit=2").json();
        assertThat(numbers(page1)).containsExactly(third, second);
        String cursor = page1.path("nextCursor").asText();
        JsonNode page2 = pat.api().get(TICKETS + "?limit=2&cursor=" + cursor).json();
        assertThat(numbers(page2)).containsExactly(first);
        assertThat(page2.hasNonNull("nextCursor")).isFalse();

        // a reply moves a ticket to the top
        pat.api().post(TICKETS + "/" + first + "/messages", Map.of("body", "Any news?"));
        assertThat(numbers(pat.api().get(TICKETS).json())).containsExactly(first, third, second);

        assertThat(numbers(pat.api().get(TICKETS + "?q=" + word).json())).containsExactly(first);
        assertThat(numbers(pat.api().get(TICKETS + "?q=" + second).json())).containsExactly(second);

        Api.Response cancelled = Api.as(port, "demo").patch("/api/v1/tickets/" + third, Map.of("status", "CANCELLED"));
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(numbers(pat.api().get(TICKETS + "?status=closed").json())).containsExactly(third);
        assertThat(numbers(pat.api().get(TICKETS + "?status=open").json())).containsExactly(first, second);
        assertThat(pat.api().get(TICKETS + "/" + third).json().path("canReply").asBoolean()).isFalse();
        Api.Response tooLate = pat.api().post(TICKETS + "/" + third + "/messages", Map.of("body", "Hello?"));
        assertThat(tooLate.status()).isEqualTo(409);
        assertThat(tooLate.header("Content-Type")).startsWith("application/problem+json");

        for (String query : new String[] {"?status=bogus", "?limit=0", "?limit=101", "?limit=abc", "?cursor=not-a-cursor",
                "?cursor=" + "A".repeat(101), "?q=" + "x".repeat(201), "?cursor=LTE6LTE"}) {
            Api.Response bad = pat.api().get(TICKETS + query);
            assertThat(bad.status()).as(query).isEqualTo(400);
            assertThat(bad.header("Content-Type")).as(query).startsWith("application/problem+json");
        }
        // SQL in the search is only text
        JsonNode injected = pat.api().get(TICKETS + "?q=" + java.net.URLEncoder.encode("' OR 1=1 --", StandardCharsets.UTF_8)).json();
        assertThat(injected.path("tickets")).isEmpty();
    }

    @Test
    void badNewTicketsGetProblemDetailsAndStoreNothing() {
        Customer pat = customer();
        long before = ticketsOf(pat);
        List<Object> bodies = new ArrayList<>(List.of(
                Map.of("description", "no subject"),
                Map.of("subject", "no description"),
                Map.of("subject", 42, "description", "wrong type"),
                Map.of("subject", "s", "description", List.of("x")),
                Map.of("subject", "s".repeat(251), "description", "too long"),
                Map.of("subject", "two\nlines", "description", "control characters"),
                Map.of("subject", "s", "description", "d".repeat(100_001)),
                Map.of("subject", "s", "description", "d", "category", "no-such-category"),
                Map.of("subject", "s", "description", "d", "customFields", Map.of("nope", 1)),
                Map.of("subject", "s", "description", "d", "priority", "URGENT"),
                Map.of("subject", "s", "description", "d", "requester", Map.of("email", "boss@example.com")),
                Map.of("subject", "s", "description", "d", "suggestedArticles", "not a list"),
                "{\"subject\": \"s\", \"description\": \"d\\u0000\"}",
                "{not json"));
        for (Object body : bodies) {
            Api.Response response = pat.api().post(TICKETS, body);
            assertThat(response.status()).as("%s", body).isEqualTo(400);
            assertThat(response.header("Content-Type")).as("%s", body).startsWith("application/problem+json");
        }
        assertThat(ticketsOf(pat)).isEqualTo(before);

        // hostile text is stored as text and never comes back as markup
        Api.Response hostile = pat.api().post(TICKETS, Map.of("subject", "<img src=x onerror=alert(1)>",
                "description", "<script>alert(1)</script>'; DROP TABLE ticket; --"));
        assertThat(hostile.status()).isEqualTo(201);
        assertThat(hostile.json().path("subject").asText()).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(hostile.json().path("messages").get(0).path("html").asText()).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(jdbc.sql("SELECT count(*) FROM ticket").query(Long.class).single()).isPositive();
    }

    @Test
    void badUploadsGetProblemDetailsAndStoreNothing() {
        Customer pat = customer();
        String number = PortalFixtures.openTicket(pat, "Uploads", "Files for this ticket");
        long tickets = ticketsOf(pat);
        long files = attachmentsOf(pat);
        long messages = jdbc.sql("SELECT count(*) FROM ticket_message m JOIN ticket t ON t.id = m.ticket_id WHERE t.number = ?")
                .param(number).query(Long.class).single();

        Api.Response tooLarge = new Multipart().field("subject", "Big").field("description", "too big")
                .file("attachments", "big.bin", "application/octet-stream", new byte[5 * 1024 * 1024 + 1]).post(pat.api(), TICKETS);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooLarge.json().path("detail").asText()).contains("5242880");

        Api.Response tooLargeReply = new Multipart().field("body", "big")
                .file("attachments", "big.bin", "application/octet-stream", new byte[5 * 1024 * 1024 + 1])
                .post(pat.api(), TICKETS + "/" + number + "/messages");
        assertThat(tooLargeReply.status()).isEqualTo(413);

        Multipart six = new Multipart().field("subject", "Many").field("description", "six files");
        for (int i = 0; i < 6; i++) {
            six.file("attachments", "f" + i + ".txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8));
        }
        Multipart[] bad = {
                six,
                new Multipart().field("subject", "Empty").field("description", "empty file").file("attachments", "empty.txt", "text/plain", new byte[0]),
                new Multipart().field("subject", "Unknown").field("description", "d").field("priority", "URGENT"),
                new Multipart().field("subject", "Other file field").field("description", "d").file("avatar", "a.txt", "text/plain", new byte[] {1}),
                new Multipart().field("subject", "Fields").field("description", "d").field("customFields", "{not json"),
                new Multipart().field("subject", "Fields").field("description", "d").field("customFields", "[1,2]"),
                new Multipart().field("subject", "Twice").field("subject", "Twice").field("description", "d"),
                new Multipart().field("subject", "Nul").field("description", "d\u0000"),
                new Multipart().field("subject", "Nul name").field("description", "d")
                        .file("attachments", "nul\u0000.txt", "text/plain", new byte[] {1}),
                new Multipart().field("description", "no subject"),
                new Multipart().field("subject", "s".repeat(251)).field("description", "d")};
        for (Multipart body : bad) {
            Api.Response response = body.post(pat.api(), TICKETS);
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        Api.Response blankReply = new Multipart().field("body", "  ").post(pat.api(), TICKETS + "/" + number + "/messages");
        assertThat(blankReply.status()).isEqualTo(400);
        assertThat(pat.api().post(TICKETS + "/" + number + "/messages", Map.of("body", "")).status()).isEqualTo(400);
        assertThat(pat.api().post(TICKETS + "/" + number + "/messages", Map.of("body", "x", "internal", true)).status()).isEqualTo(400);

        assertThat(ticketsOf(pat)).isEqualTo(tickets);
        assertThat(attachmentsOf(pat)).isEqualTo(files);
        assertThat(jdbc.sql("SELECT count(*) FROM ticket_message m JOIN ticket t ON t.id = m.ticket_id WHERE t.number = ?")
                .param(number).query(Long.class).single()).isEqualTo(messages);

        // names that try to leave the storage, or to be run by the browser, are made harmless
        Api.Response hostile = new Multipart().field("body", "hostile names")
                .file("attachments", "../../etc/passwd", "text/plain", "root:x:0:0".getBytes(StandardCharsets.UTF_8))
                .file("attachments", "..\\..\\windows\\evil.exe", "application/octet-stream", new byte[] {'M', 'Z', 0, 0})
                .file("attachments", "page.html", "text/html", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8))
                .post(pat.api(), TICKETS + "/" + number + "/messages");
        assertThat(hostile.status()).as(hostile.body()).isEqualTo(201);
        JsonNode stored = hostile.json().path("messages").get(1).path("attachments");
        assertThat(stored.findValuesAsText("fileName")).containsExactly("passwd", "evil.exe", "page.html");
        Api.Response page = pat.api().get(TICKETS + "/" + number + "/attachments/" + stored.get(2).path("id").asLong());
        assertThat(page.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(page.header("Content-Disposition")).startsWith("attachment");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Content-Security-Policy")).contains("sandbox");

        for (String path : new String[] {"/attachments/abc", "/attachments/99999999999", "/attachments/-1"}) {
            assertThat(pat.api().get(TICKETS + "/" + number + path).status()).as(path).isIn(400, 404);
        }
        assertThat(pat.api().get(TICKETS + "/..%2F..%2Fetc%2Fpasswd").status()).isIn(400, 404);
        assertThat(pat.api().get(TICKETS + "/" + "9".repeat(41)).status()).isEqualTo(400);
    }

    @Test
    void customFieldsFollowTheTicketsFieldRules() {
        Customer pat = customer();
        String seats = "portalseats" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        Api admin = Api.as(port, "demo");
        assertThat(admin.post("/api/v1/admin/custom-fields", Map.of("key", seats, "label", "Seats", "type", "NUMBER")).status())
                .isEqualTo(201);
        try {
            JsonNode form = pat.api().get(TICKETS + "/form").json();
            assertThat(form.path("categories").findValuesAsText("code")).contains("general", "billing", "technical");
            assertThat(form.path("customFields").findValuesAsText("key")).contains(seats);

            Api.Response json = pat.api().post(TICKETS, Map.of("subject", "Seats", "description", "d", "customFields", Map.of(seats, 12)));
            assertThat(json.status()).as(json.body()).isEqualTo(201);
            assertThat(json.json().path("customFields").path(seats).asInt()).isEqualTo(12);
            Api.Response multipart = new Multipart().field("subject", "Seats").field("description", "d")
                    .field("customFields", "{\"" + seats + "\": 7}").post(pat.api(), TICKETS);
            assertThat(multipart.status()).as(multipart.body()).isEqualTo(201);
            assertThat(admin.get("/api/v1/tickets/" + multipart.json().path("number").asText()).json().path("customFields").path(seats).asInt())
                    .isEqualTo(7);
            long before = ticketsOf(pat);
            assertThat(pat.api().post(TICKETS, Map.of("subject", "s", "description", "d", "customFields", Map.of(seats, "twelve"))).status())
                    .isEqualTo(400);
            assertThat(new Multipart().field("subject", "s").field("description", "d").field("customFields", "{\"" + seats + "\": \"x\"}")
                    .post(pat.api(), TICKETS).status()).isEqualTo(400);
            assertThat(ticketsOf(pat)).isEqualTo(before);
        } finally {
            admin.delete("/api/v1/admin/custom-fields/" + seats);
        }
        assertThat(Api.anonymous(port).get(TICKETS + "/form").status()).isEqualTo(401);
    }

    @Test
    void aRequestBeyondTheServersUploadLimitIsAProblemToo() {
        Customer pat = customer();
        long before = ticketsOf(pat);
        Api.Response huge = new Multipart().field("subject", "Huge").field("description", "13 MB")
                .file("attachments", "huge.bin", "application/octet-stream", new byte[13 * 1024 * 1024]).post(pat.api(), TICKETS);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.header("Content-Type")).startsWith("application/problem+json");
        assertThat(ticketsOf(pat)).isEqualTo(before);
    }

    @Test
    void theCustomerNeverTalksToTheEngineAndAgentsCannotUseThePortal() {
        Customer pat = customer();
        assertThat(pat.api().get("/engine-rest/task").status()).isEqualTo(401);
        assertThat(pat.api().get("/engine-rest/process-instance").status()).isEqualTo(401);
        assertThat(Api.as(port, "demo").get(TICKETS).status()).isEqualTo(401);
        assertThat(Api.anonymous(port).get(TICKETS).status()).isEqualTo(401);
        assertThat(Api.anonymous(port).post(TICKETS, Map.of("subject", "s", "description", "d")).status()).isIn(401, 403);
    }

    static List<String> numbers(JsonNode page) {
        List<String> numbers = new ArrayList<>();
        page.path("tickets").forEach(t -> numbers.add(t.path("number").asText()));
        return numbers;
    }

    static byte[] png() {
        return java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    }
}
