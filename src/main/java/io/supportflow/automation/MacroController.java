package io.supportflow.automation;

import io.supportflow.identity.CurrentAgent;
import io.supportflow.ticket.Ticket;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "Macros", description = "Named replies with placeholders ({{ticket.number}}, {{requester.name}}, {{agent.name}} …) "
        + "and field changes, applied to a ticket in one step. Agents list and apply them; admins manage them.")
@SecurityRequirement(name = "basic")
class MacroController {

    record MacroView(long id, String name, String body, boolean internal, String status, String priority, String category,
            List<String> addTags, List<String> removeTags) {
        static MacroView of(Macros.Macro m) {
            MacroDefinition d = m.definition();
            return new MacroView(m.id(), d.name(), d.body(), d.internal(), d.status(), d.priority(), d.category(), d.addTags(),
                    d.removeTags());
        }
    }

    record AppliedView(String number, String status, String priority, String category, List<String> tags, String assignee) {
        static AppliedView of(Ticket t) {
            return new AppliedView(t.getNumber(), t.getStatus().name(), t.getPriority().name(), t.getCategory(), t.getTags(),
                    t.getAssignee());
        }
    }

    private final Macros macros;
    private final CurrentAgent currentAgent;

    MacroController(Macros macros, CurrentAgent currentAgent) {
        this.macros = macros;
        this.currentAgent = currentAgent;
    }

    @GetMapping("/api/v1/macros")
    @Operation(summary = "The macros, by name")
    List<MacroView> list() {
        return macros.list().stream().map(MacroView::of).toList();
    }

    @PostMapping("/api/v1/tickets/{number}/macros/{id}")
    @Operation(summary = "Apply a macro: its field changes and its message (ending your turn with its status), in one step")
    AppliedView apply(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,40}") String number, @PathVariable @Positive long id) {
        return AppliedView.of(macros.apply(number, id, currentAgent.get()));
    }

    @GetMapping("/api/v1/admin/macros/{id}")
    MacroView get(@PathVariable @Positive long id) {
        return MacroView.of(macros.get(id));
    }

    @PostMapping("/api/v1/admin/macros")
    ResponseEntity<MacroView> create(@RequestBody @NotNull MacroDefinition body) {
        MacroView created = MacroView.of(macros.create(body));
        return ResponseEntity.created(URI.create("/api/v1/admin/macros/" + created.id())).body(created);
    }

    @PutMapping("/api/v1/admin/macros/{id}")
    MacroView replace(@PathVariable @Positive long id, @RequestBody @NotNull MacroDefinition body) {
        return MacroView.of(macros.replace(id, body));
    }

    @DeleteMapping("/api/v1/admin/macros/{id}")
    ResponseEntity<Void> delete(@PathVariable @Positive long id) {
        macros.delete(id);
        return ResponseEntity.noContent().build();
    }
}
