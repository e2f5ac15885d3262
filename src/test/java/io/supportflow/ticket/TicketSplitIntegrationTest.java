package io.supportflow.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Splitting chosen messages off into a new, linked ticket, over real HTTP on PostgreSQL and the engine. */
@IntegrationTest
class TicketSplitIntegrationTest {

    @LocalServerPort int port;
    @Autowired RuntimeService runtime;
    @Autowired JdbcClient jdbc;

    Api admin() { return Api.as(port, "demo"); }
    Api alice() { return Api.as(port, "alice"); }   // billing
    Api bob() { return Api.as(port, "bob"); }       // technical

    @Test
    void chosenMessagesMoveToANewLinkedTicketWithItsOwnProcess() {
        String number = TicketApiIntegrationTest.create(alice(), "billing");
        alice().post(path(number, "/messages"), Map.of("body", "Also, my printer is broken.", "authorType", "CUSTOMER"));
        alice().post(path(number, "/messages"), Map.of("body", "Printer note", "internal", true));
        alice().post(path(number, "/messages"), Map.of("body", "Back to billing.", "authorType", "CUSTOMER"));
        List<Long> ids = ids(alice().get(path(number, "/messages")).json());
        assertThat(ids).hasSize(4);

        Api.Response split = alice().post(path(number, "/split"),
                Map.of("messageIds", List.of(ids.get(1), ids.get(2)), "subject", "Printer broken"));
        assertThat(split.status()).as(split.body()).isEqualTo(201);
        String splitNumber = split.json().get("number").asText();
        assertThat(split.header("Location")).isEqualTo("/api/v1/tickets/" + splitNumber);
        assertThat(split.json().get("subject").asText()).isEqualTo("Printer broken");
        assertThat(split.json().at("/requester/email").asText()).isEqualTo("chris@example.com");
        assertThat(split.json().get("team").asText()).isEqualTo("billing");

        assertThat(ids(alice().get(path(number, "/messages")).json())).containsExactly(ids.get(0), ids.get(3));
        JsonNode moved = alice().get(path(splitNumber, "/messages")).json();
        assertThat(ids(moved)).containsExactly(ids.get(1), ids.get(2));
        assertThat(moved.get(0).get("bodyText").asText()).isEqualTo("Also, my printer is broken.");
        assertThat(moved.get(1).get("internal").asBoolean()).isTrue();

        assertThat(actions(alice().get(path(number, "/activity")).json())).contains("split_into:" + splitNumber);
        assertThat(actions(alice().get(path(splitNumber, "/activity")).json())).contains("created:null", "split_from:" + number);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM ticket_link l JOIN ticket a ON a.id = l.ticket_id JOIN ticket b ON b.id = l.linked_ticket_id
                WHERE (a.number = :o AND b.number = :s AND l.kind = 'SPLIT_INTO') OR (a.number = :s AND b.number = :o AND l.kind = 'SPLIT_FROM')""")
                .param("o", number).param("s", splitNumber).query(Long.class).single()).isEqualTo(2);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("TicketLifecycle")
                .processInstanceBusinessKey(splitNumber).active().count()).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("TicketLifecycle")
                .processInstanceBusinessKey(number).active().count()).isEqualTo(1);
    }

    @Test
    void withoutSubjectTheNewTicketNamesItsOrigin() {
        String number = TicketApiIntegrationTest.create(alice(), "billing");
        alice().post(path(number, "/messages"), Map.of("body", "Second question", "authorType", "CUSTOMER"));
        List<Long> ids = ids(alice().get(path(number, "/messages")).json());
        Api.Response split = alice().post(path(number, "/split"), Map.of("messageIds", List.of(ids.get(1))));
        assertThat(split.status()).as(split.body()).isEqualTo(201);
        assertThat(split.json().get("subject").asText()).isEqualTo("Split from " + number + ": Ticket for billing");
    }

    @Test
    void refusesTheDescriptionForeignMessagesEmptyListsAndEndedTickets() {
        String number = TicketApiIntegrationTest.create(alice(), "billing");
        String other = TicketApiIntegrationTest.create(alice(), "billing");
        alice().post(path(number, "/messages"), Map.of("body", "Second", "authorType", "CUSTOMER"));
        List<Long> ids = ids(alice().get(path(number, "/messages")).json());
        long foreign = ids(alice().get(path(other, "/messages")).json()).get(0);

        assertProblem(alice().post(path(number, "/split"), Map.of("messageIds", List.of(ids.get(0)))), 400, "description");
        assertProblem(alice().post(path(number, "/split"), Map.of("messageIds", List.of(foreign))), 400, "not a message of this ticket");
        assertProblem(alice().post(path(number, "/split"), Map.of("messageIds", List.of())), 400, null);
        assertProblem(alice().post(path(number, "/split"), Map.of()), 400, null);
        assertProblem(alice().post(path(number, "/split"), "{\"messageIds\": [\"abc\"]}"), 400, null);
        assertProblem(alice().post(path(number, "/split"), "{\"messageIds\": 5}"), 400, null);
        assertProblem(alice().post(path(number, "/split"), Map.of("messageIds", List.of(-1))), 400, null);
        assertProblem(alice().post(path(number, "/split"), Map.of("messageIds", List.of(ids.get(1)), "subject", "a\nb")), 400, null);
        assertProblem(alice().post(path(number, "/split"), Map.of("messageIds", List.of(ids.get(1)), "subject", "x".repeat(251))), 400, null);
        assertProblem(bob().post(path(number, "/split"), Map.of("messageIds", List.of(ids.get(1)))), 404, null);
        assertProblem(alice().post(path("SUP-1'OR'1", "/split"), Map.of("messageIds", List.of(ids.get(1)))), 400, null);
        // nothing moved by any refused request
        assertThat(ids(alice().get(path(number, "/messages")).json())).isEqualTo(ids);

        assertThat(alice().patch("/api/v1/tickets/" + number, Map.of("status", "CANCELLED")).status()).isEqualTo(200);
        assertProblem(alice().post(path(number, "/split"), Map.of("messageIds", List.of(ids.get(1)))), 409, "only open tickets");
        assertThat(ids(admin().get(path(number, "/messages")).json())).isEqualTo(ids);
    }

    private static void assertProblem(Api.Response r, int status, String detailPart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        if (detailPart != null) {
            assertThat(r.json().get("detail").asText()).contains(detailPart);
        }
    }

    private static String path(String number, String tail) {
        return "/api/v1/tickets/" + number + tail;
    }

    private static List<Long> ids(JsonNode messages) {
        List<Long> ids = new ArrayList<>();
        messages.forEach(m -> ids.add(m.get("id").asLong()));
        return ids;
    }

    private static List<String> actions(JsonNode activity) {
        List<String> actions = new ArrayList<>();
        activity.forEach(a -> actions.add(a.get("action").asText() + ":" + (a.path("to").isTextual() ? a.path("to").asText() : "null")));
        return actions;
    }
}
