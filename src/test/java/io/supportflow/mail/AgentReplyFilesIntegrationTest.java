package io.supportflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.supportflow.customer.CustomerAccounts;
import io.supportflow.customer.CustomerPrincipal;
import io.supportflow.mail.AgentFilesFixture.Form;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Agents reply with files (multipart variant of POST /api/v1/tickets/{n}/messages): the files are stored with
 * the message in one transaction, and the customer receives them with the reply over real SMTP (GreenMail);
 * a note's files never leave, and a set too large for mail becomes a link to the portal's ticket page.
 */
@IntegrationTest
class AgentReplyFilesIntegrationTest {

    static final byte[] PNG = png();

    @Autowired MailProperties smtpSettings;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired CustomerAccounts accounts;
    @LocalServerPort int port;

    GreenMail greenMail;

    @BeforeEach
    void startSmtp() {
        greenMail = new GreenMail(new ServerSetup(smtpSettings.getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    @AfterEach
    void stopSmtp() {
        greenMail.stop();
    }

    @Test
    void theReplysFilesReachTheCustomerIntactAndTheNotesFilesNever() throws Exception {
        String domain = domain();
        JsonNode ticket = AgentFilesFixture.newTicket(port, "fay@" + domain, "billing", "Invoice question");
        String number = ticket.get("number").asText();
        Api alice = Api.as(port, "alice");
        byte[] csv = "amount;date\n12,50;2026-11-01\n".getBytes(StandardCharsets.UTF_8);

        Api.Response reply = new Form().message("{\"body\": \"Here is your invoice <b>and</b> the figures.\"}")
                .file("..\\..\\Windows\\invoice\u202Egnp.png", PNG).file("figures.csv", csv).post(alice, number);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode message = reply.json();
        assertThat(message.get("internal").asBoolean()).isFalse();
        assertThat(message.get("bodyText").asText()).contains("Here is your invoice");
        assertThat(message.get("attachments")).hasSize(2);
        JsonNode image = message.get("attachments").get(0);
        assertThat(image.get("fileName").asText()).isEqualTo("invoicegnp.png");
        assertThat(image.get("contentType").asText()).isEqualTo("image/png");
        assertThat(image.get("size").asLong()).isEqualTo(PNG.length);
        assertThat(message.get("attachments").get(1).get("contentType").asText()).startsWith("text/");

        Api.Response note = new Form().message("{\"body\": \"Ledger extract, do not forward\", \"internal\": true}")
                .file("ledger-secret.txt", "SECRET LEDGER".getBytes(StandardCharsets.UTF_8)).post(alice, number);
        assertThat(note.status()).as(note.body()).isEqualTo(201);
        assertThat(note.json().get("internal").asBoolean()).isTrue();

        // agents see all three files, each on its message
        JsonNode listed = alice.get("/api/v1/tickets/" + number + "/attachments").json();
        assertThat(listed).hasSize(3);
        assertThat(listed.get(0).get("messageId").asLong()).isEqualTo(message.get("id").asLong());
        assertThat(listed.get(2).get("messageId").asLong()).isEqualTo(note.json().get("id").asLong());
        // and in the conversation, each message lists its own files, with where to download them
        JsonNode conversation = alice.get("/api/v1/tickets/" + number + "/messages").json();
        assertThat(conversation.get(0).get("attachments")).isEmpty();
        JsonNode replied = conversation.get(conversation.size() - 2);
        assertThat(replied.get("id").asLong()).isEqualTo(message.get("id").asLong());
        assertThat(replied.get("attachments").findValuesAsText("fileName")).containsExactly("invoicegnp.png", "figures.csv");
        JsonNode noted = conversation.get(conversation.size() - 1);
        assertThat(noted.get("attachments").findValuesAsText("fileName")).containsExactly("ledger-secret.txt");
        Api.Response download = alice.get(noted.get("attachments").get(0).get("url").asText());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("SECRET LEDGER");

        sendQueuedMails(number);
        sendQueuedMails(number); // a second run (a retry) sends nothing more
        List<MimeMessage> received = received(domain);
        assertThat(received).hasSize(1);
        MimeMessage mail = received.get(0);
        Map<String, byte[]> files = AgentFilesFixture.files(mail);
        assertThat(files).containsOnlyKeys("invoicegnp.png", "figures.csv");
        assertThat(files.get("invoicegnp.png")).isEqualTo(PNG);
        assertThat(files.get("figures.csv")).isEqualTo(csv);
        String text = MailChannelIntegrationTest.body(mail);
        assertThat(text).contains("Here is your invoice").contains("Attached: invoicegnp.png")
                .doesNotContain("SECRET").doesNotContain("ledger");
    }

    @Test
    void filesTooLargeForMailAreLinkedToThePortalPageInstead() throws Exception {
        String domain = domain();
        String number = AgentFilesFixture.newTicket(port, "big@" + domain, "billing", "Big export").get("number").asText();
        int size = 3_700_000; // three of them: 11.1 MB, within the upload limits but over the mail's 10 MB
        Form form = new Form().message("{\"body\": \"The exports you asked for.\", \"status\": \"WAITING_ON_CUSTOMER\"}");
        for (int i = 1; i <= 3; i++) {
            form.file("export-" + i + ".bin", random(size, i));
        }
        Api.Response reply = form.post(Api.as(port, "alice"), number);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("attachments")).hasSize(3);

        sendQueuedMails(number);
        List<MimeMessage> received = received(domain);
        assertThat(received).hasSize(1);
        assertThat(AgentFilesFixture.files(received.get(0))).isEmpty();
        String text = MailChannelIntegrationTest.body(received.get(0));
        assertThat(text).contains("The exports you asked for.").contains("too large for email")
                .contains("export-1.bin").contains("export-3.bin")
                .contains("/portal/ticket.html?number=" + number);
        assertThat(received.get(0).getSize()).isLessThan(1_000_000);
    }

    @Test
    void hostileAndMalformedRequestsAreProblemsAndStoreNothing() throws Exception {
        String number = AgentFilesFixture.newTicket(port, "hostile@" + domain(), "billing", "Hostile uploads").get("number").asText();
        Api alice = Api.as(port, "alice");
        String ok = "{\"body\": \"A reply\"}";
        byte[] small = "hello".getBytes(StandardCharsets.UTF_8);
        int messages = messages(number);

        // the message part: missing, twice, not JSON, wrong types, unknown fields, blank body
        problem(new Form().file("a.txt", small).post(alice, number), 400);
        problem(new Form().message(ok).message(ok).file("a.txt", small).post(alice, number), 400);
        problem(new Form().message("not json").file("a.txt", small).post(alice, number), 400);
        problem(new Form().message("[1, 2]").file("a.txt", small).post(alice, number), 400);
        problem(new Form().message("{\"body\": 42}").file("a.txt", small).post(alice, number), 400);
        problem(new Form().message("{\"body\": \"x\", \"internal\": \"yes\"}").file("a.txt", small).post(alice, number), 400);
        problem(new Form().message("{\"body\": \"x\", \"status\": \"EXPLODED\"}").file("a.txt", small).post(alice, number), 400);
        problem(new Form().message("{\"body\": \"x\", \"sql\": \"1; DROP TABLE ticket\"}").file("a.txt", small).post(alice, number), 400);
        problem(new Form().message("{\"body\": \"   \"}").file("a.txt", small).post(alice, number), 400);
        problem(new Form().message("{\"body\": \"" + "x".repeat(100_001) + "\"}").file("a.txt", small).post(alice, number), 400);
        // the files: in an unknown part, empty, too many, one too large (after a good one: nothing is kept)
        problem(new Form().message(ok).part("attachment", "a.txt", "text/plain", small).post(alice, number), 400);
        problem(new Form().message(ok).part("extra", null, "text/plain", small).post(alice, number), 400);
        problem(new Form().message(ok).file("empty.txt", new byte[0]).post(alice, number), 400);
        Form many = new Form().message(ok);
        for (int i = 0; i < 6; i++) {
            many.file("f" + i + ".txt", small);
        }
        problem(many.post(alice, number), 400);
        problem(new Form().message(ok).file("good.txt", small).file("big.bin", new byte[5 * 1024 * 1024 + 1]).post(alice, number), 413);
        problem(new Form().message(ok).file("huge.bin", new byte[13 * 1024 * 1024]).post(alice, number), 413);
        // a NUL in a file name: the multipart parser refuses the body
        problem(new Form().message(ok).file("nul\u0000.txt", small).post(alice, number), 400);
        // a path that is no ticket number, a ticket that does not exist
        problem(new Form().message(ok).file("a.txt", small).post(alice, "..%2F..%2Fetc"), 400, 404);
        problem(new Form().message(ok).file("a.txt", small).post(alice, "NOPE-404"), 404);

        assertThat(messages(number)).isEqualTo(messages);
        assertThat(attachments(number)).isEmpty();

        // hostile names are stored harmless: no directories, no control characters, HTML kept as inert text
        Api.Response named = new Form().message(ok)
                .file("../../../etc/passwd", small)
                .file("C:\\Users\\x\\..\\evil.exe", small)
                .file("<img src=x onerror=alert(1)>.html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))
                .file("bell\u0007line\tbreak\u200B.txt", small)
                .post(alice, number);
        assertThat(named.status()).as(named.body()).isEqualTo(201);
        List<String> names = names(named.json().get("attachments"));
        assertThat(names).containsExactly("passwd", "evil.exe", "_img src=x onerror=alert(1)_.html", "belllinebreak.txt");
        JsonNode html = named.json().get("attachments").get(2);
        Api.Response download = alice.get("/api/v1/tickets/" + number + "/attachments/" + html.get("id").asLong());
        assertThat(download.header("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void onlyAgentsWhoMaySeeTheTicketCanSendFiles() throws Exception {
        String number = AgentFilesFixture.newTicket(port, "who@" + domain(), "billing", "Who may upload").get("number").asText();
        byte[] small = "hello".getBytes(StandardCharsets.UTF_8);
        String ok = "{\"body\": \"A reply\"}";

        problem(new Form().message(ok).file("a.txt", small).post(Api.as(port, "bob"), number), 404);
        assertThat(new Form().message(ok).file("a.txt", small).post(Api.anonymous(port), number).status()).isEqualTo(401);
        assertThat(new Form().message(ok).file("a.txt", small).post(customer(), number).status()).isIn(401, 403);
        assertThat(messages(number)).isEqualTo(1);
        assertThat(attachments(number)).isEmpty();

        // the JSON variant is unchanged
        Api.Response json = Api.as(port, "alice").post("/api/v1/tickets/" + number + "/messages", Map.of("body", "JSON still works"));
        assertThat(json.status()).as(json.body()).isEqualTo(201);
        assertThat(json.json().isArray()).isTrue();
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    static void problem(Api.Response response, Integer... statuses) {
        assertThat(response.status()).as(response.body()).isIn((Object[]) statuses);
        assertThat(response.header("Content-Type")).as(response.body()).startsWith("application/problem+json");
    }

    Api customer() {
        String email = "agent-files-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        CustomerPrincipal principal = accounts.create("Carl Customer", email, "portal password 1");
        accounts.markEmailVerified(principal.accountId());
        Api.Response token = Api.anonymous(port).post("/api/portal/v1/auth/tokens", Map.of("email", email, "password", "portal password 1"));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        return Api.bearer(port, token.json().path("token").asText());
    }

    int messages(String number) {
        return Api.as(port, "demo").get("/api/v1/tickets/" + number + "/messages").json().size();
    }

    List<String> attachments(String number) {
        return names(Api.as(port, "demo").get("/api/v1/tickets/" + number + "/attachments").json());
    }

    static List<String> names(JsonNode list) {
        List<String> names = new java.util.ArrayList<>();
        list.forEach(a -> names.add(a.get("fileName").asText()));
        return names;
    }

    /** Runs the send jobs of the ticket's queued mails, as the job executor would. */
    void sendQueuedMails(String number) {
        runtime.createProcessInstanceQuery().processDefinitionKey(OutgoingMailProcess.PROCESS_KEY)
                .processInstanceBusinessKeyLike(number + "/mail/%").list()
                .forEach(p -> management.createJobQuery().processInstanceId(p.getId()).list()
                        .forEach(job -> management.executeJob(job.getId())));
    }

    List<MimeMessage> received(String domain) {
        return Arrays.asList(greenMail.getReceivedMessagesForDomain(domain));
    }

    static String domain() {
        return "f" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A real 1×1 PNG followed by random bytes of no meaning (any byte value must survive the trip). */
    static byte[] png() {
        byte[] header = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        byte[] tail = random(4096, 7);
        byte[] all = Arrays.copyOf(header, header.length + tail.length);
        System.arraycopy(tail, 0, all, header.length, tail.length);
        return all;
    }
}
