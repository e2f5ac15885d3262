package io.supportflow.automation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportflow.common.ConflictException;
import io.supportflow.common.NotFoundException;
import io.supportflow.identity.Agent;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.MessageBody;
import io.supportflow.ticket.Priority;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketCommands.Changes;
import io.supportflow.ticket.TicketCommands.NewMessage;
import io.supportflow.ticket.TicketService;
import io.supportflow.ticket.TicketStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stored macros and applying one: the field changes, then the message (which may end the agent's turn with
 * the macro's status), all as the agent, in one transaction: it all happens or none of it.
 */
@Service
@Transactional
class Macros {

    record Macro(long id, MacroDefinition definition) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final TicketService tickets;
    private final TicketFactsSource facts;
    private final String tenantId;

    Macros(JdbcClient jdbc, ObjectMapper json, TicketService tickets, TicketFactsSource facts,
            @Value("${supportflow.tickets.tenant:default}") String tenantId) {
        this.jdbc = jdbc;
        this.json = json;
        this.tickets = tickets;
        this.facts = facts;
        this.tenantId = tenantId;
    }

    @Transactional(readOnly = true)
    List<Macro> list() {
        return jdbc.sql("SELECT id, definition FROM macro WHERE tenant_id = :t ORDER BY lower(name), id").param("t", tenantId)
                .query((rs, n) -> new Macro(rs.getLong(1), read(rs.getString(2)))).list();
    }

    @Transactional(readOnly = true)
    Macro get(long id) {
        return jdbc.sql("SELECT id, definition FROM macro WHERE tenant_id = :t AND id = :id").param("t", tenantId).param("id", id)
                .query((rs, n) -> new Macro(rs.getLong(1), read(rs.getString(2)))).optional()
                .orElseThrow(() -> new NotFoundException("No macro " + id + "."));
    }

    Macro create(MacroDefinition definition) {
        definition.validate();
        try {
            long id = jdbc.sql("INSERT INTO macro (tenant_id, name, definition) VALUES (:t, :name, CAST(:d AS jsonb)) RETURNING id")
                    .param("t", tenantId).param("name", definition.name()).param("d", write(definition)).query(Long.class).single();
            return get(id);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A macro with this name exists already.");
        }
    }

    Macro replace(long id, MacroDefinition definition) {
        definition.validate();
        get(id);
        try {
            jdbc.sql("UPDATE macro SET name = :name, definition = CAST(:d AS jsonb), updated_at = now() WHERE tenant_id = :t AND id = :id")
                    .param("t", tenantId).param("id", id).param("name", definition.name()).param("d", write(definition)).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A macro with this name exists already.");
        }
        return get(id);
    }

    void delete(long id) {
        get(id);
        jdbc.sql("DELETE FROM macro WHERE tenant_id = :t AND id = :id").param("t", tenantId).param("id", id).update();
    }

    /** Applies the macro to a ticket the agent can see; returns the ticket afterwards. */
    Ticket apply(String number, long macroId, Agent agent) {
        MacroDefinition macro = get(macroId).definition();
        Ticket ticket = tickets.get(number, agent);
        Changes changes = new Changes(macro.priority() == null ? null : Priority.valueOf(macro.priority()), macro.category(),
                tags(ticket, macro), null, null, false, null, null);
        if (changes.priority() != null || changes.category() != null || changes.tags() != null) {
            ticket = tickets.update(number, changes, agent);
        }
        TicketStatus status = macro.status() == null ? null : TicketStatus.valueOf(macro.status());
        if (macro.body() != null) {
            String text = ActionPlan.render(macro.body(), facts.of(ticket), agent.displayName());
            tickets.addMessage(number, new NewMessage(text, MessageBody.Format.TEXT, macro.internal(), status, Actor.Type.AGENT), agent);
        } else if (status != null) {
            tickets.update(number, Changes.none().withStatus(status), agent);
        }
        return tickets.get(number, agent);
    }

    private static List<String> tags(Ticket ticket, MacroDefinition macro) {
        if (macro.addTags().isEmpty() && macro.removeTags().isEmpty()) {
            return null;
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>(ticket.getTags());
        macro.addTags().forEach(t -> tags.add(t.toLowerCase(java.util.Locale.ROOT)));
        macro.removeTags().forEach(t -> tags.remove(t.toLowerCase(java.util.Locale.ROOT)));
        return new ArrayList<>(tags);
    }

    private String write(MacroDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("macro not serialisable", e);
        }
    }

    private MacroDefinition read(String text) {
        try {
            return json.readValue(text, MacroDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable macro definition", e);
        }
    }
}
