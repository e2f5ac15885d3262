package io.supportflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A ticket's JSON as stored: without the SLA figures computed from the clock at read time.
 * A running clock's {@code elapsed} and {@code remaining} grow during business hours between two reads of an unchanged ticket.
 */
public final class TicketRepresentation {

    private TicketRepresentation() {
    }

    public static JsonNode withoutLiveFigures(JsonNode ticket) {
        JsonNode copy = ticket.deepCopy();
        copy.path("sla").path("clocks").forEach(clock -> ((ObjectNode) clock).remove(List.of("elapsed", "remaining")));
        return copy;
    }
}
