package io.supportflow.ticket;

import static io.supportflow.support.TicketRepresentation.withoutLiveFigures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.Api.Response;
import io.supportflow.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * "Bad input anywhere (wrong types, missing fields, unknown enum values, oversize strings,
 * script/HTML, SQL metacharacters, path traversal in any name) gets a 4xx problem detail and
 * changes nothing" - proved per endpoint of the agents' ticket API.
 *
 * <p>Every test starts with a fresh ticket (category billing, so team billing). After each bad
 * request to that ticket, its GET representation, its messages and its activity must be exactly
 * what they were before. Bad creates must not create a ticket: each carries a unique search
 * marker that must stay unfindable, and the newest ticket must stay the same.
 */
@IntegrationTest
class TicketApiBadInputTest {

    private static final String TICKETS = "/api/v1/tickets";
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36).replaceAll("[^a-z0-9]", "");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Set<Integer> BAD_REQUEST = Set.of(400);
    private static final Set<Integer> NOT_FOUND = Set.of(404);
    private static final Set<Integer> BAD_OR_NOT_FOUND = Set.of(400, 404);
    private static final Set<Integer> CONFLICT = Set.of(409);
    private static final int ONE_MIB = 1024 * 1024;

    @LocalServerPort
    int port;

    private Api demo;
    private String number;
    private Snapshot before;

    /** A ticket as the API shows it: the ticket itself, its conversation and its history. */
    record Snapshot(JsonNode ticket, JsonNode messages, JsonNode activity) {
    }

    /** One bad request: what it is, its body, the statuses that are right, and what must not be echoed. */
    record Bad(String name, Object body, Set<Integer> statuses, List<String> hostile, String marker) {

        static Bad of(String name, Object body, Set<Integer> statuses, String... hostile) {
            return new Bad(name, body, statuses, List.of(hostile), null);
        }

        Bad marked(String marker) {
            return new Bad(name, body, statuses, hostile, marker);
        }

        @SuppressWarnings("unchecked")
        Object bodyFor(String self) {
            return body instanceof Function<?, ?> f ? ((Function<String, Object>) f).apply(self) : body;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeEach
    void createFreshTicket() {
        demo = Api.as(port, "demo");
        number = createTicket(fixtureBody("zqf" + RUN + "n" + SEQUENCE.incrementAndGet()));
        before = snapshot(number);
        assertThat(before.ticket().path("team").asText()).isEqualTo("billing");
    }

    // ---------------------------------------------------------------- POST /api/v1/tickets

    static Stream<Bad> badCreates() {
        List<Bad> cases = new ArrayList<>();
        // wrong JSON types
        cases.add(create("priority is a number out of range", t -> t.put("priority", 5), BAD_REQUEST));
        cases.add(create("tags is a string, not a list", t -> t.put("tags", "x"), BAD_REQUEST));
        cases.add(create("tags holds an object", t -> t.put("tags", List.of(Map.of("a", 1))), BAD_REQUEST));
        cases.add(create("tags holds null", t -> t.put("tags", Arrays.asList("ok", null)), BAD_REQUEST));
        cases.add(create("requester is a string", t -> t.put("requester", "x"), BAD_REQUEST));
        cases.add(create("requester is a list", t -> t.put("requester", List.of("x")), BAD_REQUEST));
        cases.add(create("subject is an object", t -> t.put("subject", Map.of("a", 1)), BAD_REQUEST));
        cases.add(create("subject is a list", t -> t.put("subject", List.of("a")), BAD_REQUEST));
        cases.add(create("description is an object", t -> t.put("description", Map.of("html", "x")), BAD_REQUEST));
        cases.add(create("customFields is a list", t -> t.put("customFields", List.of("a")), BAD_REQUEST));
        cases.add(create("customFields is a string", t -> t.put("customFields", "a=b"), BAD_REQUEST));
        cases.add(create("channel is a number out of range", t -> t.put("channel", 99), BAD_REQUEST));
        cases.add(create("descriptionFormat is a boolean", t -> t.put("descriptionFormat", true), BAD_REQUEST));
        // missing required fields
        cases.add(create("subject is missing", t -> t.remove("subject"), BAD_REQUEST));
        cases.add(create("subject is blank", t -> t.put("subject", "   "), BAD_REQUEST));
        cases.add(create("subject is null", t -> t.put("subject", null), BAD_REQUEST));
        cases.add(create("description is missing", t -> t.remove("description"), BAD_REQUEST));
        cases.add(create("description is empty", t -> t.put("description", ""), BAD_REQUEST));
        cases.add(create("requester is missing", t -> t.remove("requester"), BAD_REQUEST));
        cases.add(create("requester is null", t -> t.put("requester", null), BAD_REQUEST));
        cases.add(create("requester email is missing", t -> requester(t).remove("email"), BAD_REQUEST));
        cases.add(create("requester name is missing", t -> requester(t).remove("name"), BAD_REQUEST));
        cases.add(create("requester email is not an address", t -> requester(t).put("email", "not-an-email"), BAD_REQUEST));
        // unknown enum values
        cases.add(create("priority SUPER", t -> t.put("priority", "SUPER"), BAD_REQUEST));
        cases.add(create("priority in lower case", t -> t.put("priority", "high"), BAD_REQUEST));
        cases.add(create("channel FAX", t -> t.put("channel", "FAX"), BAD_REQUEST));
        cases.add(create("descriptionFormat MARKDOWN", t -> t.put("descriptionFormat", "MARKDOWN"), BAD_REQUEST));
        // unknown fields: the API is strict
        cases.add(create("typo 'priorty'", t -> t.put("priorty", "HIGH"), BAD_REQUEST));
        cases.add(create("typo 'emial' inside requester", t -> requester(t).put("emial", "x@example.com"), BAD_REQUEST));
        cases.add(create("status is not a create field", t -> t.put("status", "OPEN"), BAD_REQUEST));
        cases.add(create("team is not a create field", t -> t.put("team", "billing"), BAD_REQUEST));
        cases.add(create("assignee is not a create field", t -> t.put("assignee", "alice"), BAD_REQUEST));
        cases.add(create("number is not a create field", t -> t.put("number", "SUP-2026-000001"), BAD_REQUEST));
        // oversize strings and collections
        cases.add(create("subject of 251 characters", t -> t.put("subject", "S".repeat(251)), BAD_REQUEST, "S".repeat(100)));
        cases.add(create("description of 100,001 characters", t -> t.put("description", "D".repeat(100_001)), BAD_REQUEST, "D".repeat(100)));
        cases.add(create("21 tags", t -> t.put("tags", IntStream.rangeClosed(1, 21).mapToObj(i -> "tag" + i).toList()), BAD_REQUEST));
        cases.add(create("a tag of 51 characters", t -> t.put("tags", List.of("T".repeat(51))), BAD_REQUEST, "T".repeat(51)));
        cases.add(create("a category of 51 characters", t -> t.put("category", "C".repeat(51)), BAD_REQUEST, "C".repeat(51)));
        cases.add(create("a requester name of 201 characters", t -> requester(t).put("name", "N".repeat(201)), BAD_REQUEST, "N".repeat(100)));
        cases.add(create("a requester email of 255 characters", t -> requester(t).put("email", "e".repeat(243) + "@example.com"), BAD_REQUEST, "e".repeat(100)));
        cases.add(create("51 custom fields", t -> t.put("customFields", manyFields(51)), BAD_REQUEST));
        // script, HTML, SQL and paths in identifier fields
        cases.add(create("tag <script>", t -> t.put("tags", List.of("<script>")), BAD_REQUEST, "<script>"));
        cases.add(create("tag <script>alert(1)</script>", t -> t.put("tags", List.of("<script>alert(1)</script>")), BAD_REQUEST, "<script>", "alert(1)"));
        cases.add(create("tag with SQL", t -> t.put("tags", List.of("x' OR '1'='1")), BAD_REQUEST, "' OR '"));
        cases.add(create("tag with a path", t -> t.put("tags", List.of("../../etc/passwd")), BAD_REQUEST, "../"));
        cases.add(create("tag with a space", t -> t.put("tags", List.of("two words")), BAD_REQUEST));
        cases.add(create("category <b>x</b>", t -> t.put("category", "<b>x</b>"), BAD_REQUEST, "<b>"));
        cases.add(create("category with SQL", t -> t.put("category", "x' OR '1'='1"), BAD_REQUEST, "' OR '"));
        cases.add(create("category with a path", t -> t.put("category", "../../etc/passwd"), BAD_REQUEST, "../"));
        cases.add(create("unknown category", t -> t.put("category", "nonexistent"), BAD_REQUEST));
        cases.add(create("requester name with <script>", t -> requester(t).put("name", "<script>alert(1)</script>"), BAD_REQUEST, "<script>"));
        cases.add(create("requester email with <script>", t -> requester(t).put("email", "<script>@example.com"), BAD_REQUEST, "<script>"));
        cases.add(create("requester email with SQL", t -> requester(t).put("email", "a@example.com' OR '1'='1"), BAD_REQUEST, "' OR '"));
        cases.add(create("subject with a line break", t -> t.put("subject", "Line one\nLine two"), BAD_REQUEST));
        cases.add(create("subject with a control character", t -> t.put("subject", "Bell \u0007 here"), BAD_REQUEST));
        cases.add(create("unknown custom field <script>", t -> t.put("customFields", Map.of("<script>", "x")), BAD_REQUEST, "<script>"));
        // malformed JSON and empty bodies
        cases.add(raw("malformed JSON: unclosed object", "{\"subject\": \"x\"", BAD_REQUEST));
        cases.add(raw("malformed JSON: missing value", "{\"subject\": }", BAD_REQUEST));
        cases.add(raw("malformed JSON: trailing comma", "{\"subject\": \"x\",}", BAD_REQUEST));
        cases.add(raw("malformed JSON: single quotes", "{'subject': 'x'}", BAD_REQUEST));
        cases.add(raw("malformed JSON: a comment", "/* hi */ {}", BAD_REQUEST));
        cases.add(raw("not JSON at all", "subject=hello", BAD_REQUEST));
        cases.add(raw("a JSON array instead of an object", "[]", BAD_REQUEST));
        cases.add(raw("a JSON string instead of an object", "\"hello\"", BAD_REQUEST));
        cases.add(raw("a JSON null body", "null", BAD_REQUEST));
        cases.add(raw("an empty body", "", BAD_REQUEST));
        cases.add(raw("an empty object", "{}", BAD_REQUEST));
        cases.add(raw("JSON nested 2,000 levels deep",
                "{\"subject\":\"s\",\"description\":\"d\",\"requester\":{\"name\":\"n\",\"email\":\"n@example.com\"},"
                        + "\"category\":\"billing\",\"customFields\":{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}}", BAD_REQUEST));
        cases.add(raw("a number of 2,000 digits",
                "{\"subject\":\"s\",\"description\":\"d\",\"requester\":{\"name\":\"n\",\"email\":\"n@example.com\"},"
                        + "\"priority\":1" + "0".repeat(2000) + "}", BAD_REQUEST));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCreates")
    void createWithBadInputIsRefusedWithProblemDetailAndCreatesNothing(Bad bad) {
        String newest = newestTicketNumber();

        Response response = demo.post(TICKETS, bad.body());

        assertProblem(response, bad.statuses(), bad.hostile());
        assertNoTicketCreated(bad.marker(), newest);
        assertFixtureUnchanged();
    }

    @Test
    void createWithBodyOverOneMebibyteIsRefusedWith413AndCreatesNothing() {
        String marker = marker();
        String newest = newestTicketNumber();
        Map<String, Object> body = ticketBody(marker);
        body.put("description", "B".repeat(ONE_MIB + 16));

        Response response = demo.post(TICKETS, body);

        assertProblem(response, Set.of(413), "B".repeat(100));
        assertNoTicketCreated(marker, newest);
    }

    @Test
    void createWithChunkedBodyOfUnknownLengthIsRefusedWith411() {
        String marker = marker();
        String newest = newestTicketNumber();
        byte[] json = toJson(ticketBody(marker)).getBytes(StandardCharsets.UTF_8);

        Response response = rawRequest("POST", TICKETS, "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json)));

        assertProblem(response, Set.of(411));
        assertNoTicketCreated(marker, newest);
    }

    static Stream<Arguments> unsupportedContentTypes() {
        return Stream.of(
                Arguments.of("text/plain"),
                Arguments.of("application/xml"),
                Arguments.of("application/x-www-form-urlencoded"),
                Arguments.of("text/html"));
    }

    @ParameterizedTest(name = "Content-Type {0}")
    @MethodSource("unsupportedContentTypes")
    void createWithBodyThatIsNotDeclaredAsJsonIsRefusedWith415(String contentType) {
        String marker = marker();
        String newest = newestTicketNumber();

        Response response = rawRequest("POST", TICKETS, contentType,
                HttpRequest.BodyPublishers.ofString(toJson(ticketBody(marker))));

        assertProblem(response, Set.of(415));
        assertNoTicketCreated(marker, newest);
    }

    static Stream<Bad> typeCoercionsInCreate() {
        return Stream.of(
                create("subject is a number", t -> t.put("subject", 12345), BAD_REQUEST),
                create("subject is a boolean", t -> t.put("subject", true), BAD_REQUEST),
                create("description is a number", t -> t.put("description", 12345), BAD_REQUEST),
                create("requester name is a number", t -> requester(t).put("name", 42), BAD_REQUEST),
                create("priority is a number within the enum's range", t -> t.put("priority", 1), BAD_REQUEST),
                create("priority is a numeric string", t -> t.put("priority", "3"), BAD_REQUEST),
                create("channel is a number within the enum's range", t -> t.put("channel", 0), BAD_REQUEST),
                create("descriptionFormat is a number within the enum's range", t -> t.put("descriptionFormat", 1), BAD_REQUEST),
                create("tags holds a number", t -> t.put("tags", List.of(42)), BAD_REQUEST),
                create("tags holds a boolean", t -> t.put("tags", List.of(true)), BAD_REQUEST));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typeCoercionsInCreate")

    void createWithScalarOfTheWrongJsonTypeIsRefused(Bad bad) {
        String newest = newestTicketNumber();

        Response response = demo.post(TICKETS, bad.body());

        assertProblem(response, bad.statuses(), bad.hostile());
        assertNoTicketCreated(bad.marker(), newest);
    }

    @Test

    void createWithValidJsonFollowedByGarbageIsRefusedAsMalformed() {
        String marker = marker();
        String newest = newestTicketNumber();

        Response response = demo.post(TICKETS, toJson(ticketBody(marker)) + " {\"priority\": \"CRITICAL\"}");

        assertProblem(response, BAD_REQUEST);
        assertNoTicketCreated(marker, newest);
    }

    @Test

    void createWithHostileUnknownFieldNameDoesNotEchoIt() {
        String marker = marker();
        String newest = newestTicketNumber();
        Map<String, Object> body = ticketBody(marker);
        body.put("<script>alert(1)</script>", "x");

        Response response = demo.post(TICKETS, body);

        assertProblem(response, BAD_REQUEST, "<script>", "alert(1)");
        assertNoTicketCreated(marker, newest);
    }

    static Stream<Bad> oversizeCustomFieldNames() {
        return Stream.of(
                create("a custom field name of 51 characters", t -> t.put("customFields", Map.of("K".repeat(51), "v")), BAD_REQUEST, "K".repeat(51)),
                create("a custom field name <script> of 58 characters",
                        t -> t.put("customFields", Map.of("<script>" + "k".repeat(50), "v")), BAD_REQUEST, "<script>"),
                create("a custom field name of 10,000 characters",
                        t -> t.put("customFields", Map.of("L".repeat(10_000), "v")), BAD_REQUEST, "L".repeat(100)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversizeCustomFieldNames")

    void createWithOversizeCustomFieldNameIsRefusedWithoutEchoingIt(Bad bad) {
        String newest = newestTicketNumber();

        Response response = demo.post(TICKETS, bad.body());

        assertProblem(response, bad.statuses(), bad.hostile());
        assertNoTicketCreated(bad.marker(), newest);
    }

    static Stream<Bad> nulCharactersInCreate() {
        return Stream.of(
                create("subject with NUL", t -> t.put("subject", "Hello\u0000World"), BAD_REQUEST),
                create("tag with NUL", t -> t.put("tags", List.of("a\u0000b")), BAD_REQUEST),
                create("requester name with NUL", t -> requester(t).put("name", "Ann\u0000Lee"), BAD_REQUEST),
                create("requester email with NUL", t -> requester(t).put("email", "ann\u0000@example.com"), BAD_REQUEST),
                create("custom field name NUL", t -> t.put("customFields", Map.of("\u0000", "x")), BAD_REQUEST));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nulCharactersInCreate")
    void createWithNulCharacterInAnIdentifierOrNameIsRefusedNotA500(Bad bad) {
        String newest = newestTicketNumber();

        Response response = demo.post(TICKETS, bad.body());

        assertProblem(response, bad.statuses());
        assertNoTicketCreated(bad.marker(), newest);
    }

    static Stream<Bad> nulCharactersInCreateCategory() {
        return Stream.of(
                create("category NUL", t -> t.put("category", "\u0000"), BAD_REQUEST),
                create("category with NUL", t -> t.put("category", "bill\u0000ing"), BAD_REQUEST));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nulCharactersInCreateCategory")

    void createWithNulCharacterInTheCategoryIsRefusedNotA500(Bad bad) {
        String newest = newestTicketNumber();

        Response response = demo.post(TICKETS, bad.body());

        assertProblem(response, bad.statuses());
        assertNoTicketCreated(bad.marker(), newest);
    }

    @Test

    void createWithNulCharacterInTheDescriptionIsRefusedOrStrippedNeverA500() {
        String marker = marker();
        Map<String, Object> body = ticketBody(marker);
        body.put("description", "Hello\u0000World " + marker);

        Response response = demo.post(TICKETS, body);

        assertThat(response.status()).as(describe(response)).isIn(201, 400);
        if (response.status() == 400) {
            assertProblem(response, BAD_REQUEST);
            assertThat(search(marker)).isEmpty();
        } else {
            assertThat(response.body()).doesNotContain("\\u0000");
        }
    }

    // ---------------------------------------------------------------- free text is neutralised, not rejected

    @Test
    void createWithScriptInAnHtmlDescriptionSucceedsAndTheScriptIsRemoved() {
        Map<String, Object> body = ticketBody(marker());
        body.put("description", "<script>alert(1)</script>Hello");
        body.put("descriptionFormat", "HTML");

        Response response = demo.post(TICKETS, body);

        assertThat(response.status()).as(describe(response)).isEqualTo(201);
        JsonNode first = demo.get(TICKETS + "/" + response.json().get("number").asText() + "/messages").json().get(0);
        assertThat(first.get("bodyHtml").asText()).doesNotContainIgnoringCase("<script").doesNotContain("alert(1)");
        assertThat(first.get("bodyText").asText()).contains("Hello").doesNotContainIgnoringCase("<script");
    }

    @Test
    void createWithMarkupInAPlainTextDescriptionStoresItEscaped() {
        Map<String, Object> body = ticketBody(marker());
        body.put("description", "<b>hi</b>");

        Response response = demo.post(TICKETS, body);

        assertThat(response.status()).as(describe(response)).isEqualTo(201);
        JsonNode first = demo.get(TICKETS + "/" + response.json().get("number").asText() + "/messages").json().get(0);
        assertThat(first.get("bodyHtml").asText()).contains("&lt;b&gt;").doesNotContain("<b>");
        assertThat(first.get("bodyText").asText()).isEqualTo("<b>hi</b>");
    }

    @Test
    void replyWithEventHandlersAndJavascriptLinksInHtmlSucceedsAndTheyAreRemoved() {
        Response response = demo.post(ticket("/messages"), Map.of("internal", true, "format", "HTML",
                "body", "<img src=x onerror=alert(1)><p onclick=\"steal()\">Hi</p><a href=\"javascript:alert(2)\">link</a>"
                        + "<iframe src=\"https://evil.example\"></iframe>"));

        assertThat(response.status()).as(describe(response)).isEqualTo(201);
        JsonNode last = response.json().get(response.json().size() - 1);
        assertThat(last.get("bodyHtml").asText()).doesNotContainIgnoringCase("onerror").doesNotContainIgnoringCase("onclick")
                .doesNotContainIgnoringCase("javascript:").doesNotContainIgnoringCase("<img")
                .doesNotContainIgnoringCase("<iframe").contains("Hi");
    }

    // ---------------------------------------------------------------- GET /api/v1/tickets

    static Stream<Bad> badListQueries() {
        List<Bad> cases = new ArrayList<>();
        cases.add(query("status SUPER", "status=SUPER", BAD_REQUEST));
        cases.add(query("status in lower case", "status=open", BAD_REQUEST));
        cases.add(query("status <script>", "status=" + enc("<script>alert(1)</script>"), BAD_REQUEST, "<script>"));
        cases.add(query("9 statuses", "status=NEW,OPEN,IN_PROGRESS,WAITING_ON_CUSTOMER,WAITING_ON_THIRD_PARTY,RESOLVED,CLOSED,CANCELLED,NEW", BAD_REQUEST));
        cases.add(query("priority SUPER", "priority=SUPER", BAD_REQUEST));
        cases.add(query("priority as a number", "priority=5", BAD_REQUEST));
        cases.add(query("6 priorities", "priority=LOW,MEDIUM,HIGH,URGENT,CRITICAL,LOW", BAD_REQUEST));
        cases.add(query("team with SQL", "team=" + enc("x' OR 1=1--"), BAD_REQUEST, "' OR 1=1"));
        cases.add(query("team with quotes", "team=" + enc("x' OR '1'='1"), BAD_REQUEST, "' OR '"));
        cases.add(query("team <script>", "team=" + enc("<script>alert(1)</script>"), BAD_REQUEST, "<script>"));
        cases.add(query("team with a path", "team=" + enc("../../etc/passwd"), BAD_REQUEST, "../"));
        cases.add(query("team with a semicolon", "team=" + enc("billing;DROP TABLE ticket"), BAD_REQUEST, "DROP TABLE"));
        cases.add(query("team of 65 characters", "team=" + "t".repeat(65), BAD_REQUEST, "t".repeat(65)));
        cases.add(query("assignee with a path", "assignee=" + enc("../../etc/passwd"), BAD_REQUEST, "../"));
        cases.add(query("assignee <script>", "assignee=" + enc("<script>alert(1)</script>"), BAD_REQUEST, "<script>"));
        cases.add(query("assignee with SQL", "assignee=" + enc("x' OR '1'='1"), BAD_REQUEST, "' OR '"));
        cases.add(query("tag of 51 characters", "tag=" + "g".repeat(51), BAD_REQUEST, "g".repeat(51)));
        cases.add(query("q of 201 characters", "q=" + "q".repeat(201), BAD_REQUEST, "q".repeat(201)));
        cases.add(query("snoozed maybe", "snoozed=maybe", BAD_REQUEST));
        cases.add(query("snoozed <script>", "snoozed=" + enc("<script>"), BAD_REQUEST, "<script>"));
        cases.add(query("sort bogus", "sort=bogus", BAD_REQUEST));
        cases.add(query("sort with SQL", "sort=" + enc("created; DROP TABLE ticket"), BAD_REQUEST, "DROP TABLE"));
        cases.add(query("sort as an ORDER BY clause", "sort=" + enc("priority DESC"), BAD_REQUEST));
        cases.add(query("sort <script>", "sort=" + enc("<script>"), BAD_REQUEST, "<script>"));
        cases.add(query("limit 0", "limit=0", BAD_REQUEST));
        cases.add(query("limit 1000", "limit=1000", BAD_REQUEST));
        cases.add(query("limit 101", "limit=101", BAD_REQUEST));
        cases.add(query("limit -1", "limit=-1", BAD_REQUEST));
        cases.add(query("limit abc", "limit=abc", BAD_REQUEST));
        cases.add(query("limit 1.5", "limit=1.5", BAD_REQUEST));
        cases.add(query("limit beyond int", "limit=99999999999", BAD_REQUEST));
        cases.add(query("cursor that is not base64", "cursor=" + enc("!!!not-a-cursor!!!"), BAD_REQUEST, "not-a-cursor"));
        cases.add(query("cursor with SQL", "cursor=" + enc("' OR 1=1--"), BAD_REQUEST, "' OR 1=1"));
        cases.add(query("cursor of base64 garbage", "cursor=" + cursor("hello world"), BAD_REQUEST));
        cases.add(query("cursor with too many parts", "cursor=" + cursor("-created|1|1|1|1"), BAD_REQUEST));
        cases.add(query("cursor with a non-numeric part", "cursor=" + cursor("-created|1|abc|1"), BAD_REQUEST));
        cases.add(query("cursor for another sort", "cursor=" + cursor("priority|1|1|1"), BAD_REQUEST));
        cases.add(query("cursor of 201 characters", "cursor=" + "A".repeat(201), BAD_REQUEST, "A".repeat(201)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badListQueries")
    void listWithBadQueryParameterIsRefusedWithProblemDetail(Bad bad) {
        Response response = demo.get(TICKETS + "?" + bad.body());

        assertProblem(response, bad.statuses(), bad.hostile());
        assertFixtureUnchanged();
    }

    @Test
    void listWithForgedCursorFarInTheFutureIsHarmlessNotA500() {
        Response response = demo.get(TICKETS + "?cursor=" + cursor("-created|1|" + Long.MAX_VALUE + "|1"));

        assertThat(response.status()).as(describe(response)).isIn(200, 400);
        if (response.status() == 400) {
            assertProblem(response, BAD_REQUEST);
        }
    }

    @Test

    void listWithForgedCursorBeforeTheTimestampRangeIsRefusedNotA500() {
        Response response = demo.get(TICKETS + "?cursor=" + cursor("-created|1|" + Long.MIN_VALUE + "|1"));

        assertProblem(response, BAD_REQUEST);
    }

    @Test
    void listWithCursorFromAnotherSortIsRefused() {
        Response first = demo.get(TICKETS + "?limit=1&sort=-created");
        assertThat(first.status()).isEqualTo(200);
        String next = first.json().path("nextCursor").asText();
        assertThat(next).isNotEmpty();

        assertProblem(demo.get(TICKETS + "?limit=1&sort=priority&cursor=" + enc(next)), BAD_REQUEST);
        assertProblem(demo.get(TICKETS + "?limit=1&sort=updated&cursor=" + enc(next)), BAD_REQUEST);
        assertThat(demo.get(TICKETS + "?limit=1&sort=-created&cursor=" + enc(next)).status()).isEqualTo(200);
    }

    static Stream<Arguments> sqlInFreeTextSearch() {
        return Stream.of(
                Arguments.of("'; DROP TABLE ticket; --"),
                Arguments.of("' OR '1'='1"),
                Arguments.of("1' UNION SELECT id_, pwd_ FROM act_id_user --"),
                Arguments.of("x'); DELETE FROM ticket_activity; --"),
                Arguments.of("\\'; SELECT pg_sleep(5); --"),
                Arguments.of("%' OR number LIKE '%"),
                Arguments.of("!!(&|:*)<->"));
    }

    @ParameterizedTest(name = "q={0}")
    @MethodSource("sqlInFreeTextSearch")
    void searchWithSqlMetacharactersIsSafelyFilteredNotAnError(String q) {
        long started = System.nanoTime();
        Response response = demo.get(TICKETS + "?q=" + enc(q));

        assertThat(response.status()).as(describe(response)).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        JsonNode items = response.json().get("items");
        assertThat(items.isArray()).isTrue();
        assertThat(numbers(items)).as("results are filtered, the fresh ticket does not match").doesNotContain(number);
        // nothing was dropped or deleted: the ticket is there, findable, unchanged
        assertThat(numbers(search(before.ticket().get("subject").asText().split(" ")[0]))).contains(number);
        assertFixtureUnchanged();
        assertThat(demo.get(TICKETS + "/SUP-2026-000001").status()).isEqualTo(200);
    }

    static Stream<Arguments> hostileTagFilters() {
        return Stream.of(Arguments.of("x' OR '1'='1"), Arguments.of("<script>"), Arguments.of("fixture' --"),
                Arguments.of("../../etc/passwd"));
    }

    @ParameterizedTest(name = "tag={0}")
    @MethodSource("hostileTagFilters")
    void tagFilterWithMetacharactersMatchesNothingOrIsRefused(String tag) {
        Response response = demo.get(TICKETS + "?tag=" + enc(tag));

        assertThat(response.status()).as(describe(response)).isIn(200, 400);
        if (response.status() == 200) {
            assertThat(response.json().get("items")).as("no ticket can carry such a tag").isEmpty();
        } else {
            assertProblem(response, BAD_REQUEST, tag);
        }
        assertFixtureUnchanged();
    }

    static Stream<Arguments> nulInFilters() {
        return Stream.of(Arguments.of("q=" + enc("a\u0000b")), Arguments.of("tag=" + enc("a\u0000b")),
                Arguments.of("q=%00"), Arguments.of("tag=%00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nulInFilters")

    void filterWithNulCharacterMatchesNothingOrIsRefusedNotA500(String query) {
        Response response = demo.get(TICKETS + "?" + query);

        assertThat(response.status()).as(describe(response)).isIn(200, 400);
        if (response.status() == 400) {
            assertProblem(response, BAD_REQUEST);
        }
    }

    static Stream<Arguments> emptyListElements() {
        return Stream.of(Arguments.of("status=OPEN,,NEW"), Arguments.of("status=OPEN&status="),
                Arguments.of("priority=HIGH,"), Arguments.of("priority=,"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emptyListElements")

    void listFilterWithEmptyElementIsIgnoredOrRefusedNotA500(String query) {
        Response response = demo.get(TICKETS + "?" + query);

        assertThat(response.status()).as(describe(response)).isIn(200, 400);
        if (response.status() == 400) {
            assertProblem(response, BAD_REQUEST);
        }
    }

    // ---------------------------------------------------------------- {number} in every ticket path

    enum Endpoint {
        GET_TICKET("GET", "", self -> null),
        PATCH_TICKET("PATCH", "", self -> Map.of("priority", "URGENT")),
        ADD_MESSAGE("POST", "/messages", self -> Map.of("body", "A reply", "internal", true)),
        LIST_MESSAGES("GET", "/messages", self -> null),
        LIST_ACTIVITY("GET", "/activity", self -> null),
        SNOOZE("POST", "/snooze", self -> Map.of("until", inDays(2))),
        WAKE("DELETE", "/snooze", self -> null),
        MERGE("POST", "/merge", self -> Map.of("into", self));

        final String method;
        final String suffix;
        final Function<String, Object> body;

        Endpoint(String method, String suffix, Function<String, Object> body) {
            this.method = method;
            this.suffix = suffix;
            this.body = body;
        }
    }

    /**
     * Raw (already encoded) path segments the application itself refuses, the decoded fragments
     * that must not come back, and the right statuses. (The problem's "instance" is the request
     * path as sent, still encoded; it is not an echo of the decoded value.)
     */
    static Stream<Arguments> junkNumbers() {
        List<Object[]> junk = List.of(
                new Object[] {"SUP'%20OR%20'1'%3D'1", List.of("' OR '"), BAD_REQUEST},
                new Object[] {"SUP-2026-000001%20OR%201%3D1", List.of(" OR 1=1"), BAD_REQUEST},
                new Object[] {"%3Cscript%3Ealert(1)", List.of("<script>"), BAD_REQUEST},
                new Object[] {"%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", List.of("<img", "onerror="), BAD_REQUEST},
                new Object[] {"SUP-" + "9".repeat(296), List.of(), BAD_REQUEST},
                new Object[] {"...", List.of(), BAD_OR_NOT_FOUND},
                new Object[] {"-SUP-2026-000001", List.of(), BAD_REQUEST},
                new Object[] {"SUP-2026-000001.json", List.of(), BAD_OR_NOT_FOUND},
                new Object[] {"%E2%80%AESUP", List.of("\u202e", "\u202E", "‮"), BAD_REQUEST},
                new Object[] {"sup-2026-000001", List.of(), NOT_FOUND},
                new Object[] {"SUP-2026-999999", List.of(), NOT_FOUND});
        return Stream.of(Endpoint.values()).flatMap(e -> junk.stream().map(j -> Arguments.of(e, j[0], j[1], j[2])));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("junkNumbers")
    void junkTicketNumberInPathIsRefusedOrNotFoundNeverA500(Endpoint endpoint, String junk, List<String> hostile, Set<Integer> statuses) {
        Response response = demo.send(endpoint.method, TICKETS + "/" + junk + endpoint.suffix, endpoint.body.apply(number));

        assertProblem(response, statuses, hostile);
        assertFixtureUnchanged();
        assertThat(snapshotStatus("SUP-2026-000001")).isEqualTo(200);
    }

    /** Path traversal and separators in the number: refused before the application sees them. */
    static Stream<Arguments> junkNumbersRefusedBeforeTheApplication() {
        List<Object[]> junk = List.of(
                new Object[] {"..%2F..%2Fetc", List.of("../")},
                new Object[] {"..%2F..%2F..%2Fetc%2Fpasswd", List.of("../", "etc/passwd")},
                new Object[] {"..%5C..%5Cwindows", List.of("..\\")},
                new Object[] {"SUP-2026-000001%00", List.of("\u0000")},
                new Object[] {"%2E%2E", List.of()},
                new Object[] {"SUP-2026-000001;DROP", List.of(";DROP")},
                new Object[] {"SUP-2026-000001%3BDROP%20TABLE%20ticket", List.of("DROP")},
                new Object[] {"SUP%0D%0ASet-Cookie:%20x%3D1", List.of("Set-Cookie")});
        return Stream.of(Endpoint.values()).flatMap(e -> junk.stream().map(j -> Arguments.of(e, j[0], j[1])));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("junkNumbersRefusedBeforeTheApplication")
    void pathTraversalOrSeparatorInTicketNumberIsRefusedNeverA500AndChangesNothing(Endpoint endpoint, String junk, List<String> hostile) {
        Response response = demo.send(endpoint.method, TICKETS + "/" + junk + endpoint.suffix, endpoint.body.apply(number));

        assertThat(response.status()).as(describe(response)).isIn(BAD_OR_NOT_FOUND);
        assertFixtureUnchanged();
        assertThat(snapshotStatus("SUP-2026-000001")).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("junkNumbersRefusedBeforeTheApplication")

    void pathTraversalOrSeparatorInTicketNumberGetsAProblemDetail(Endpoint endpoint, String junk, List<String> hostile) {
        Response response = demo.send(endpoint.method, TICKETS + "/" + junk + endpoint.suffix, endpoint.body.apply(number));

        assertProblem(response, BAD_OR_NOT_FOUND, hostile);
        assertFixtureUnchanged();
        assertThat(snapshotStatus("SUP-2026-000001")).isEqualTo(200);
    }

    // ---------------------------------------------------------------- PATCH /api/v1/tickets/{number}

    static Stream<Bad> badPatches() {
        List<Bad> cases = new ArrayList<>();
        // wrong JSON types
        cases.add(Bad.of("priority is a number out of range", Map.of("priority", 5), BAD_REQUEST));
        cases.add(Bad.of("tags is a string", Map.of("tags", "x"), BAD_REQUEST));
        cases.add(Bad.of("tags holds an object", Map.of("tags", List.of(Map.of())), BAD_REQUEST));
        cases.add(Bad.of("tags holds null", Map.of("tags", Arrays.asList("ok", null)), BAD_REQUEST));
        cases.add(Bad.of("customFields is a string", Map.of("customFields", "x"), BAD_REQUEST));
        cases.add(Bad.of("team is a list", Map.of("team", List.of("technical")), BAD_REQUEST));
        cases.add(Bad.of("assignee is an object", Map.of("assignee", Map.of("id", "alice")), BAD_REQUEST));
        cases.add(Bad.of("status is a boolean", Map.of("status", true), BAD_REQUEST));
        cases.add(Bad.of("category is a list", Map.of("category", List.of("general")), BAD_REQUEST));
        // unknown enum values
        cases.add(Bad.of("priority SUPER", Map.of("priority", "SUPER"), BAD_REQUEST));
        cases.add(Bad.of("status ARCHIVED", Map.of("status", "ARCHIVED"), BAD_REQUEST));
        cases.add(Bad.of("status in lower case", Map.of("status", "open"), BAD_REQUEST));
        // unknown or read-only fields
        cases.add(Bad.of("typo 'priorty'", Map.of("priorty", "HIGH"), BAD_REQUEST));
        cases.add(Bad.of("internal flag 'assigneeGiven'", Map.of("assigneeGiven", true), BAD_REQUEST));
        cases.add(Bad.of("subject is not patchable", Map.of("subject", "New subject"), BAD_REQUEST));
        cases.add(Bad.of("number is not patchable", Map.of("number", "SUP-2026-000001"), BAD_REQUEST));
        cases.add(Bad.of("snoozedUntil is not patchable", Map.of("snoozedUntil", "2030-01-01T00:00:00Z"), BAD_REQUEST));
        cases.add(Bad.of("mergedInto is not patchable", Map.of("mergedInto", "SUP-2026-000001"), BAD_REQUEST));
        // malformed JSON and empty bodies
        cases.add(Bad.of("malformed JSON", "{\"priority\": \"HIGH\"", BAD_REQUEST));
        cases.add(Bad.of("not JSON", "priority=HIGH", BAD_REQUEST));
        cases.add(Bad.of("a JSON array", "[{\"priority\": \"HIGH\"}]", BAD_REQUEST));
        cases.add(Bad.of("a JSON null body", "null", BAD_REQUEST));
        cases.add(Bad.of("an empty body", "", BAD_REQUEST));
        // oversize
        cases.add(Bad.of("21 tags", Map.of("tags", IntStream.rangeClosed(1, 21).mapToObj(i -> "tag" + i).toList()), BAD_REQUEST));
        cases.add(Bad.of("a tag of 51 characters", Map.of("tags", List.of("T".repeat(51))), BAD_REQUEST, "T".repeat(51)));
        cases.add(Bad.of("a category of 51 characters", Map.of("category", "C".repeat(51)), BAD_REQUEST, "C".repeat(51)));
        cases.add(Bad.of("a team of 65 characters", Map.of("team", "t".repeat(65)), BAD_REQUEST, "t".repeat(65)));
        cases.add(Bad.of("51 custom fields", Map.of("customFields", manyFields(51)), BAD_REQUEST));
        // script, HTML, SQL and paths in identifier fields
        cases.add(Bad.of("tag <script>", Map.of("tags", List.of("<script>")), BAD_REQUEST, "<script>"));
        cases.add(Bad.of("tag with SQL", Map.of("tags", List.of("x' OR '1'='1")), BAD_REQUEST, "' OR '"));
        cases.add(Bad.of("category <b>x</b>", Map.of("category", "<b>x</b>"), BAD_REQUEST, "<b>"));
        cases.add(Bad.of("category with SQL", Map.of("category", "x' OR '1'='1"), BAD_REQUEST, "' OR '"));
        cases.add(Bad.of("team with SQL", Map.of("team", "x' OR '1'='1"), BAD_REQUEST, "' OR '"));
        cases.add(Bad.of("team <script>", Map.of("team", "<script>alert(1)</script>"), BAD_REQUEST, "<script>"));
        cases.add(Bad.of("team with a path", Map.of("team", "../../etc"), BAD_REQUEST, "../"));
        cases.add(Bad.of("assignee with a path", Map.of("assignee", "../../etc/passwd"), BAD_REQUEST, "../"));
        cases.add(Bad.of("assignee <script>", Map.of("assignee", "<script>alert(1)</script>"), BAD_REQUEST, "<script>"));
        cases.add(Bad.of("assignee with SQL", Map.of("assignee", "x' OR '1'='1"), BAD_REQUEST, "' OR '"));
        cases.add(Bad.of("unknown custom field <script>", Map.of("customFields", Map.of("<script>", "x")), BAD_REQUEST, "<script>"));
        // names that are well-formed but do not exist or do not fit
        cases.add(Bad.of("unknown category", Map.of("category", "nonexistent"), BAD_REQUEST));
        cases.add(Bad.of("unknown team", Map.of("team", "sales"), BAD_REQUEST));
        cases.add(Bad.of("unknown assignee", Map.of("assignee", "mallory"), BAD_REQUEST));
        cases.add(Bad.of("assignee not in the ticket's team", Map.of("assignee", "bob"), BAD_REQUEST));
        cases.add(Bad.of("assignee not in the new team", Map.of("team", "technical", "assignee", "alice"), BAD_REQUEST));
        // workflow: closing and going back to NEW are not an agent's PATCH
        cases.add(Bad.of("status CLOSED", Map.of("status", "CLOSED"), CONFLICT));
        // all or nothing: a valid change next to an invalid one is not applied either
        cases.add(Bad.of("valid priority with unknown category", Map.of("priority", "URGENT", "category", "nonexistent"), BAD_REQUEST));
        cases.add(Bad.of("valid tags with assignee outside the team", Map.of("tags", List.of("changed"), "assignee", "bob"), BAD_REQUEST));
        cases.add(Bad.of("valid priority and team with status CLOSED",
                Map.of("priority", "URGENT", "team", "general", "status", "CLOSED"), CONFLICT));
        cases.add(Bad.of("valid category with unknown enum priority", Map.of("category", "technical", "priority", "SUPER"), BAD_REQUEST));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPatches")
    void patchWithBadInputIsRefusedWithProblemDetailAndChangesNothing(Bad bad) {
        Response response = demo.patch(ticket(""), bad.body());

        assertProblem(response, bad.statuses(), bad.hostile());
        assertFixtureUnchanged();
    }

    @Test

    void patchWithNulCharacterInTheCategoryIsRefusedNotA500() {
        Response response = demo.patch(ticket(""), Map.of("category", "bill\u0000ing"));

        assertProblem(response, BAD_REQUEST);
        assertFixtureUnchanged();
    }

    @Test
    void patchToStatusNewOrClosedIsAConflictAndChangesNothing() {
        Response moved = demo.patch(ticket(""), Map.of("status", "IN_PROGRESS"));
        assertThat(moved.status()).as(describe(moved)).isEqualTo(200);
        before = snapshot(number);
        assertThat(before.ticket().get("status").asText()).isEqualTo("IN_PROGRESS");

        for (String status : List.of("NEW", "CLOSED")) {
            Response response = demo.patch(ticket(""), Map.of("status", status));
            assertProblem("status " + status, response, CONFLICT);
            assertFixtureUnchanged();
        }
    }

    @Test
    void patchOfACancelledTicketIsAConflictAndChangesNothing() {
        Response cancelled = demo.patch(ticket(""), Map.of("status", "CANCELLED"));
        assertThat(cancelled.status()).as(describe(cancelled)).isEqualTo(200);
        before = snapshot(number);

        for (Map<String, Object> change : List.<Map<String, Object>>of(Map.of("priority", "LOW"), Map.of("status", "OPEN"),
                Map.of("tags", List.of("late")), Map.of("assignee", "alice"))) {
            assertProblem(change.toString(), demo.patch(ticket(""), change), CONFLICT);
            assertFixtureUnchanged();
        }
    }

    static Stream<Bad> typeCoercionsInPatch() {
        return Stream.of(
                Bad.of("priority is a number within the enum's range", Map.of("priority", 1), BAD_REQUEST),
                Bad.of("priority is a numeric string", Map.of("priority", "4"), BAD_REQUEST),
                Bad.of("status is a number within the enum's range", Map.of("status", 2), BAD_REQUEST),
                Bad.of("tags holds a number", Map.of("tags", List.of(7)), BAD_REQUEST),
                Bad.of("tags holds a boolean", Map.of("tags", List.of(false)), BAD_REQUEST));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typeCoercionsInPatch")

    void patchWithScalarOfTheWrongJsonTypeIsRefused(Bad bad) {
        Response response = demo.patch(ticket(""), bad.body());

        assertProblem(response, bad.statuses(), bad.hostile());
        assertFixtureUnchanged();
    }

    @Test

    void patchWithValidJsonFollowedByGarbageIsRefusedAsMalformed() {
        Response response = demo.patch(ticket(""), "{\"priority\": \"URGENT\"}}");

        assertProblem(response, BAD_REQUEST);
        assertFixtureUnchanged();
    }

    @Test

    void patchWithHostileUnknownFieldNameDoesNotEchoIt() {
        Response response = demo.patch(ticket(""), Map.of("<img src=x onerror=alert(1)>", "x"));

        assertProblem(response, BAD_REQUEST, "<img", "onerror");
        assertFixtureUnchanged();
    }

    // ---------------------------------------------------------------- POST /api/v1/tickets/{number}/messages

    static Stream<Bad> badMessages() {
        List<Bad> cases = new ArrayList<>();
        // wrong JSON types
        cases.add(Bad.of("internal is 'yes'", Map.of("body", "Hi", "internal", "yes"), BAD_REQUEST));
        cases.add(Bad.of("internal is a list", Map.of("body", "Hi", "internal", List.of(true)), BAD_REQUEST));
        cases.add(Bad.of("body is an object", Map.of("body", Map.of("text", "Hi")), BAD_REQUEST));
        cases.add(Bad.of("body is a list", Map.of("body", List.of("Hi")), BAD_REQUEST));
        cases.add(Bad.of("format is a boolean", Map.of("body", "Hi", "format", true), BAD_REQUEST));
        cases.add(Bad.of("status is a number out of range", Map.of("body", "Hi", "status", 99), BAD_REQUEST));
        cases.add(Bad.of("authorType is a list", Map.of("body", "Hi", "authorType", List.of()), BAD_REQUEST));
        // missing body
        cases.add(Bad.of("no body field", Map.of("internal", true), BAD_REQUEST));
        cases.add(Bad.of("empty body", Map.of("body", ""), BAD_REQUEST));
        cases.add(Bad.of("blank body", Map.of("body", "  \n\t "), BAD_REQUEST));
        cases.add(Bad.of("null body", mapWithNull("body"), BAD_REQUEST));
        // unknown enum values
        cases.add(Bad.of("format MARKDOWN", Map.of("body", "Hi", "format", "MARKDOWN"), BAD_REQUEST));
        cases.add(Bad.of("status SUPER", Map.of("body", "Hi", "status", "SUPER"), BAD_REQUEST));
        cases.add(Bad.of("authorType ROBOT", Map.of("body", "Hi", "authorType", "ROBOT"), BAD_REQUEST));
        // refused combinations
        cases.add(Bad.of("authorType SYSTEM", Map.of("body", "Hi", "authorType", "SYSTEM"), BAD_REQUEST));
        cases.add(Bad.of("an internal customer message", Map.of("body", "Hi", "authorType", "CUSTOMER", "internal", true), BAD_REQUEST));
        cases.add(Bad.of("a customer message that sets the status",
                Map.of("body", "Hi", "authorType", "CUSTOMER", "status", "RESOLVED"), BAD_REQUEST));
        cases.add(Bad.of("a reply that closes the ticket", Map.of("body", "Hi", "status", "CLOSED"), CONFLICT));
        cases.add(Bad.of("a reply that sets status NEW", Map.of("body", "Hi", "status", "NEW"), CONFLICT));
        cases.add(Bad.of("a reply that cancels the ticket", Map.of("body", "Hi", "status", "CANCELLED"), CONFLICT));
        cases.add(Bad.of("a note that closes the ticket", Map.of("body", "Hi", "internal", true, "status", "CLOSED"), CONFLICT));
        // unknown or read-only fields
        cases.add(Bad.of("typo 'bodyy'", Map.of("bodyy", "Hi"), BAD_REQUEST));
        cases.add(Bad.of("typo 'interal'", Map.of("body", "Hi", "interal", true), BAD_REQUEST));
        cases.add(Bad.of("author is not settable", Map.of("body", "Hi", "author", "alice"), BAD_REQUEST));
        cases.add(Bad.of("createdAt is not settable", Map.of("body", "Hi", "createdAt", "2020-01-01T00:00:00Z"), BAD_REQUEST));
        cases.add(Bad.of("ticketNumber is not settable", Map.of("body", "Hi", "ticketNumber", "SUP-2026-000001"), BAD_REQUEST));
        // malformed JSON and empty bodies
        cases.add(Bad.of("malformed JSON", "{\"body\": \"Hi\"", BAD_REQUEST));
        cases.add(Bad.of("not JSON", "Hi there", BAD_REQUEST));
        cases.add(Bad.of("a JSON array", "[]", BAD_REQUEST));
        cases.add(Bad.of("a JSON null body", "null", BAD_REQUEST));
        cases.add(Bad.of("an empty request body", "", BAD_REQUEST));
        // oversize
        cases.add(Bad.of("body of 100,001 characters", Map.of("body", "M".repeat(100_001)), BAD_REQUEST, "M".repeat(100)));
        cases.add(Bad.of("HTML body of 100,001 characters", Map.of("body", "<p>" + "H".repeat(99_995) + "</p>", "format", "HTML"),
                BAD_REQUEST, "H".repeat(100)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMessages")
    void addMessageWithBadInputIsRefusedWithProblemDetailAndChangesNothing(Bad bad) {
        Response response = demo.post(ticket("/messages"), bad.body());

        assertProblem(response, bad.statuses(), bad.hostile());
        assertFixtureUnchanged();
    }

    static Stream<Bad> typeCoercionsInMessages() {
        return Stream.of(
                Bad.of("body is a number", Map.of("body", 12345, "internal", true), BAD_REQUEST),
                Bad.of("body is a boolean", Map.of("body", true, "internal", true), BAD_REQUEST),
                Bad.of("internal is a number", Map.of("body", "Hi", "internal", 1), BAD_REQUEST),
                Bad.of("internal is the string 'true'", Map.of("body", "Hi", "internal", "true"), BAD_REQUEST),
                Bad.of("format is a number within the enum's range", Map.of("body", "Hi", "internal", true, "format", 1), BAD_REQUEST),
                Bad.of("status is a number within the enum's range", Map.of("body", "Hi", "internal", true, "status", 2), BAD_REQUEST),
                Bad.of("authorType is a number within the enum's range", Map.of("body", "Hi", "internal", true, "authorType", 0), BAD_REQUEST));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typeCoercionsInMessages")

    void addMessageWithScalarOfTheWrongJsonTypeIsRefused(Bad bad) {
        Response response = demo.post(ticket("/messages"), bad.body());

        assertProblem(response, bad.statuses(), bad.hostile());
        assertFixtureUnchanged();
    }

    @Test

    void addMessageWithNulCharacterIsRefusedOrStrippedNeverA500() {
        Response response = demo.post(ticket("/messages"), Map.of("body", "Hello\u0000World", "internal", true));

        assertThat(response.status()).as(describe(response)).isIn(201, 400);
        if (response.status() == 400) {
            assertProblem(response, BAD_REQUEST);
            assertFixtureUnchanged();
        }
    }

    @Test
    void addMessageToACancelledTicketIsAConflictAndChangesNothing() {
        assertThat(demo.patch(ticket(""), Map.of("status", "CANCELLED")).status()).isEqualTo(200);
        before = snapshot(number);

        Response response = demo.post(ticket("/messages"), Map.of("body", "Anyone there?"));

        assertProblem(response, CONFLICT);
        assertFixtureUnchanged();
    }

    // ---------------------------------------------------------------- POST and DELETE /api/v1/tickets/{number}/snooze

    static Stream<Bad> badSnoozes() {
        List<Bad> cases = new ArrayList<>();
        cases.add(Bad.of("until missing", Map.of(), BAD_REQUEST));
        cases.add(Bad.of("until null", mapWithNull("until"), BAD_REQUEST));
        cases.add(Bad.of("until in the past", Map.of("until", "2000-01-01T00:00:00Z"), BAD_REQUEST));
        cases.add(Bad.of("until a minute ago", Map.of("until", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString()), BAD_REQUEST));
        cases.add(Bad.of("until in 20 seconds", Map.of("until", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(20).toString()), BAD_REQUEST));
        cases.add(Bad.of("until three years ahead", Map.of("until", inDays(3 * 366)), BAD_REQUEST));
        cases.add(Bad.of("until at the end of time", Map.of("until", "+999999999-12-31T23:59:59Z"), BAD_REQUEST));
        cases.add(Bad.of("until is not a date", Map.of("until", "tomorrow"), BAD_REQUEST));
        cases.add(Bad.of("until <script>", Map.of("until", "<script>alert(1)</script>"), BAD_REQUEST, "<script>"));
        cases.add(Bad.of("until with SQL", Map.of("until", "2030-01-01'; DROP TABLE ticket; --"), BAD_REQUEST, "DROP TABLE"));
        cases.add(Bad.of("until is an impossible date", Map.of("until", "2027-02-30T10:00:00Z"), BAD_REQUEST));
        cases.add(Bad.of("until without an offset", Map.of("until", "2027-01-01T10:00:00"), BAD_REQUEST));
        cases.add(Bad.of("until is a date only", Map.of("until", "2027-01-01"), BAD_REQUEST));
        cases.add(Bad.of("until is a number of seconds in the past", Map.of("until", 1_700_000_000L), BAD_REQUEST));
        cases.add(Bad.of("until is a list", Map.of("until", List.of(inDays(2))), BAD_REQUEST));
        cases.add(Bad.of("until is an object", Map.of("until", Map.of("days", 2)), BAD_REQUEST));
        cases.add(Bad.of("typo 'untill'", Map.of("untill", inDays(2)), BAD_REQUEST));
        cases.add(Bad.of("unknown field 'reason'", Map.of("until", inDays(2), "reason", "lunch"), BAD_REQUEST));
        cases.add(Bad.of("malformed JSON", "{\"until\": ", BAD_REQUEST));
        cases.add(Bad.of("a JSON null body", "null", BAD_REQUEST));
        cases.add(Bad.of("an empty request body", "", BAD_REQUEST));
        cases.add(Bad.of("a JSON string body", "\"2030-01-01T00:00:00Z\"", BAD_REQUEST));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSnoozes")
    void snoozeWithBadInputIsRefusedWithProblemDetailAndChangesNothing(Bad bad) {
        Response response = demo.post(ticket("/snooze"), bad.body());

        assertProblem(response, bad.statuses(), bad.hostile());
        assertFixtureUnchanged();
    }

    @Test
    void wakingATicketThatIsNotSnoozedIsAConflictAndChangesNothing() {
        Response response = demo.delete(ticket("/snooze"));

        assertProblem(response, CONFLICT);
        assertFixtureUnchanged();
    }

    @Test
    void snoozingASnoozedTicketAgainIsAConflictAndChangesNothing() {
        Response snoozed = demo.post(ticket("/snooze"), Map.of("until", inDays(2)));
        assertThat(snoozed.status()).as(describe(snoozed)).isEqualTo(200);
        before = snapshot(number);

        assertProblem(demo.post(ticket("/snooze"), Map.of("until", inDays(3))), CONFLICT);
        assertFixtureUnchanged();
        assertProblem(demo.post(ticket("/snooze"), Map.of("until", "2000-01-01T00:00:00Z")), BAD_REQUEST);
        assertFixtureUnchanged();
    }

    // ---------------------------------------------------------------- POST /api/v1/tickets/{number}/merge

    static Stream<Bad> badMerges() {
        List<Bad> cases = new ArrayList<>();
        cases.add(Bad.of("into itself", (Function<String, Object>) self -> Map.of("into", self), BAD_REQUEST));
        cases.add(Bad.of("into itself in lower case", (Function<String, Object>) self -> Map.of("into", self.toLowerCase()),
                BAD_OR_NOT_FOUND));
        cases.add(Bad.of("into a ticket that does not exist", Map.of("into", "SUP-2026-999999"), NOT_FOUND));
        cases.add(Bad.of("into missing", Map.of(), BAD_REQUEST));
        cases.add(Bad.of("into null", mapWithNull("into"), BAD_REQUEST));
        cases.add(Bad.of("into empty", Map.of("into", ""), BAD_REQUEST));
        cases.add(Bad.of("into blank", Map.of("into", "   "), BAD_REQUEST));
        cases.add(Bad.of("into a path", Map.of("into", "../../etc/passwd"), BAD_REQUEST, "../"));
        cases.add(Bad.of("into <script>", Map.of("into", "<script>alert(1)</script>"), BAD_REQUEST, "<script>"));
        cases.add(Bad.of("into with SQL", Map.of("into", "SUP-2026-000001' OR '1'='1"), BAD_REQUEST, "' OR '"));
        cases.add(Bad.of("into with a semicolon", Map.of("into", "SUP-2026-000001;DROP"), BAD_REQUEST, ";DROP"));
        cases.add(Bad.of("into of 300 characters", Map.of("into", "SUP-" + "9".repeat(296)), BAD_REQUEST, "9".repeat(100)));
        cases.add(Bad.of("into with NUL", Map.of("into", "SUP-2026-000001\u0000"), BAD_REQUEST));
        cases.add(Bad.of("into is a list", Map.of("into", List.of("SUP-2026-000001")), BAD_REQUEST));
        cases.add(Bad.of("into is an object", Map.of("into", Map.of("number", "SUP-2026-000001")), BAD_REQUEST));
        cases.add(Bad.of("typo 'intoo'", Map.of("intoo", "SUP-2026-000001"), BAD_REQUEST));
        cases.add(Bad.of("unknown field 'reason'", Map.of("into", "SUP-2026-999999", "reason", "dup"), BAD_REQUEST));
        cases.add(Bad.of("malformed JSON", "{\"into\": \"SUP-2026-000001\"", BAD_REQUEST));
        cases.add(Bad.of("a JSON string body", "\"SUP-2026-000001\"", BAD_REQUEST));
        cases.add(Bad.of("a JSON null body", "null", BAD_REQUEST));
        cases.add(Bad.of("an empty request body", "", BAD_REQUEST));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMerges")
    void mergeWithBadInputIsRefusedWithProblemDetailAndChangesNothing(Bad bad) {
        Snapshot demoTicket = snapshot("SUP-2026-000001");

        Response response = demo.post(ticket("/merge"), bad.bodyFor(number));

        assertProblem(response, bad.statuses(), bad.hostile());
        assertFixtureUnchanged();
        assertThat(snapshot("SUP-2026-000001")).as("SUP-2026-000001 is untouched").isEqualTo(demoTicket);
    }

    @Test
    void mergeIntoATicketTheAgentCannotSeeIsNotFoundAndChangesNeither() {
        String technical = createTicket(withCategory(fixtureBody(marker()), "technical"));
        Snapshot target = snapshot(technical);
        Api alice = Api.as(port, "alice");

        Response response = alice.post(ticket("/merge"), Map.of("into", technical));

        assertProblem(response, NOT_FOUND);
        assertFixtureUnchanged();
        assertThat(snapshot(technical)).isEqualTo(target);
    }

    @Test
    void mergeIntoACancelledTicketIsAConflictAndChangesNeither() {
        String other = createTicket(fixtureBody(marker()));
        assertThat(demo.patch(TICKETS + "/" + other, Map.of("status", "CANCELLED")).status()).isEqualTo(200);
        Snapshot target = snapshot(other);

        Response response = demo.post(ticket("/merge"), Map.of("into", other));

        assertProblem(response, CONFLICT);
        assertFixtureUnchanged();
        assertThat(snapshot(other)).isEqualTo(target);
    }

    // ---------------------------------------------------------------- size and media type limits on every body

    static Stream<Arguments> bodyEndpoints() {
        return Stream.of(
                Arguments.of("PATCH", "", "tags"),
                Arguments.of("POST", "/messages", "body"),
                Arguments.of("POST", "/snooze", "until"),
                Arguments.of("POST", "/merge", "into"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bodyEndpoints")
    void bodyOverOneMebibyteIsRefusedWith413AndChangesNothing(String method, String suffix, String field) {
        Response response = demo.send(method, ticket(suffix), Map.of(field, "Z".repeat(ONE_MIB + 16)));

        assertProblem(response, Set.of(413), "Z".repeat(100));
        assertFixtureUnchanged();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bodyEndpoints")
    void bodyNotDeclaredAsJsonIsRefusedWith415AndChangesNothing(String method, String suffix, String field) {
        Response response = rawRequest(method, ticket(suffix), "text/plain",
                HttpRequest.BodyPublishers.ofString("{\"" + field + "\": \"x\"}"));

        assertProblem(response, Set.of(415));
        assertFixtureUnchanged();
    }

    // ---------------------------------------------------------------- helpers

    private static Bad create(String name, Consumer<Map<String, Object>> change, Set<Integer> statuses, String... hostile) {
        String marker = marker();
        Map<String, Object> body = ticketBody(marker);
        change.accept(body);
        return Bad.of(name, body, statuses, hostile).marked(marker);
    }

    private static Bad raw(String name, String body, Set<Integer> statuses) {
        return Bad.of(name, body, statuses).marked(marker());
    }

    private static Bad query(String name, String query, Set<Integer> statuses, String... hostile) {
        return Bad.of(name, query, statuses, hostile);
    }

    private static String marker() {
        return "zqm" + RUN + "n" + SEQUENCE.incrementAndGet();
    }

    /** A valid create body; the marker (a search token) is in subject and description. */
    private static Map<String, Object> ticketBody(String marker) {
        Map<String, Object> requester = new LinkedHashMap<>();
        requester.put("name", "Robin Tester");
        requester.put("email", "robin.tester@example.com");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", "Invoice question " + marker);
        body.put("description", "Please check invoice " + marker + " for me.");
        body.put("requester", requester);
        body.put("priority", "LOW");
        body.put("category", "billing");
        body.put("tags", List.of("fixture"));
        return body;
    }

    /** The fresh ticket: its text shares no word with the SQL probes used in the search tests. */
    private static Map<String, Object> fixtureBody(String marker) {
        Map<String, Object> body = ticketBody(marker);
        body.put("subject", marker + " Invoice question");
        body.put("description", "Please check my invoice " + marker + ".");
        return body;
    }

    private static Map<String, Object> withCategory(Map<String, Object> body, String category) {
        body.put("category", category);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> requester(Map<String, Object> body) {
        return (Map<String, Object>) body.get("requester");
    }

    private static Map<String, Object> manyFields(int count) {
        Map<String, Object> fields = new LinkedHashMap<>();
        IntStream.rangeClosed(1, count).forEach(i -> fields.put("field" + i, "v"));
        return fields;
    }

    private static Map<String, Object> mapWithNull(String key) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, null);
        return map;
    }

    private static String inDays(int days) {
        return OffsetDateTime.now(ZoneOffset.UTC).plusDays(days).withNano(0).toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String cursor(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String ticket(String suffix) {
        return TICKETS + "/" + number + suffix;
    }

    private String createTicket(Map<String, Object> body) {
        Response created = demo.post(TICKETS, body);
        assertThat(created.status()).as(describe(created)).isEqualTo(201);
        return created.json().get("number").asText();
    }

    private Snapshot snapshot(String ticketNumber) {
        Response ticket = demo.get(TICKETS + "/" + ticketNumber);
        Response messages = demo.get(TICKETS + "/" + ticketNumber + "/messages");
        Response activity = demo.get(TICKETS + "/" + ticketNumber + "/activity");
        assertThat(List.of(ticket.status(), messages.status(), activity.status()))
                .as("reading %s: %s", ticketNumber, ticket.body()).containsOnly(200);
        return new Snapshot(withoutLiveFigures(ticket.json()), messages.json(), activity.json());
    }

    private int snapshotStatus(String ticketNumber) {
        return demo.get(TICKETS + "/" + ticketNumber).status();
    }

    private void assertFixtureUnchanged() {
        Snapshot now = snapshot(number);
        assertThat(now.messages().size()).as("message count of %s", number).isEqualTo(before.messages().size());
        assertThat(now.activity().size()).as("activity count of %s", number).isEqualTo(before.activity().size());
        assertThat(now.ticket()).as("representation of %s", number).isEqualTo(before.ticket());
        assertThat(now.messages()).as("messages of %s", number).isEqualTo(before.messages());
        assertThat(now.activity()).as("activity of %s", number).isEqualTo(before.activity());
    }

    private void assertNoTicketCreated(String marker, String newestBefore) {
        if (marker != null) {
            assertThat(search(marker)).as("tickets carrying the marker %s", marker).isEmpty();
        }
        assertThat(newestTicketNumber()).as("newest ticket").isEqualTo(newestBefore);
    }

    private String newestTicketNumber() {
        Response response = demo.get(TICKETS + "?sort=-created&limit=1");
        assertThat(response.status()).as(describe(response)).isEqualTo(200);
        return response.json().get("items").get(0).get("number").asText();
    }

    private JsonNode search(String q) {
        Response response = demo.get(TICKETS + "?limit=100&q=" + enc(q));
        assertThat(response.status()).as(describe(response)).isEqualTo(200);
        return response.json().get("items");
    }

    private static List<String> numbers(JsonNode items) {
        List<String> numbers = new ArrayList<>();
        items.forEach(item -> numbers.add(item.get("number").asText()));
        return numbers;
    }

    private static void assertProblem(Response response, Set<Integer> statuses, String... hostile) {
        assertProblem("", response, statuses, List.of(hostile));
    }

    private static void assertProblem(Response response, Set<Integer> statuses, List<String> hostile) {
        assertProblem("", response, statuses, hostile);
    }

    private static void assertProblem(String what, Response response, Set<Integer> statuses) {
        assertProblem(what, response, statuses, List.of());
    }

    private static void assertProblem(String what, Response response, Set<Integer> statuses, List<String> hostile) {
        String description = what + " " + describe(response);
        assertThat(response.status()).as(description).isIn(statuses);
        assertThat(response.header("Content-Type")).as("Content-Type of " + description).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).as("problem status of " + description).isEqualTo(response.status());
        assertThat(problem.path("title").asText()).as("problem title of " + description).isNotBlank();
        for (String value : hostile) {
            assertThat(response.body()).as("echo of a hostile value in " + description).doesNotContain(value);
        }
        assertThat(response.body()).as("internals in " + description).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static String describe(Response response) {
        String body = response.body() == null ? "" : response.body();
        return response.status() + " " + response.header("Content-Type") + " "
                + (body.length() > 600 ? body.substring(0, 600) + "..." : body);
    }

    /** A request with a chosen Content-Type (or a body of unknown length), as demo. */
    private Response rawRequest(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        return demo.send(method, path, contentType, body);
    }
}
