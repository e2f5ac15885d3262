package io.supportflow.automation;

import io.supportflow.automation.AutomationApi.DryRunBody;
import io.supportflow.automation.AutomationApi.DryRunView;
import io.supportflow.automation.AutomationApi.EnabledBody;
import io.supportflow.automation.AutomationApi.RuleView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/automations")
@Validated
@Tag(name = "Automation rules", description = "Admins only. Rules that act on tickets when something happens to them, "
        + "evaluated in order. Every change recompiles the rule set; a set that does not compile is refused (400).")
@SecurityRequirement(name = "basic")
class AutomationController {

    private final AutomationAdministration administration;
    private final AutomationEngine engine;

    AutomationController(AutomationAdministration administration, AutomationEngine engine) {
        this.administration = administration;
        this.engine = engine;
    }

    @GetMapping
    @Operation(summary = "The rules in evaluation order")
    List<RuleView> list() {
        return administration.list().stream().map(RuleView::of).toList();
    }

    @GetMapping("/{id}")
    RuleView get(@PathVariable @Positive long id) {
        return RuleView.of(administration.get(id));
    }

    @PostMapping
    @Operation(summary = "Create a rule; it goes last in the order")
    ResponseEntity<RuleView> create(@RequestBody @NotNull RuleDefinition body) {
        RuleView created = RuleView.of(administration.create(body));
        return ResponseEntity.created(URI.create("/api/v1/admin/automations/" + created.id())).body(created);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a rule's definition; it keeps its place in the order")
    RuleView replace(@PathVariable @Positive long id, @RequestBody @NotNull RuleDefinition body) {
        return RuleView.of(administration.replace(id, body));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Enable or disable a rule: {\"enabled\": true|false}")
    RuleView enable(@PathVariable @Positive long id, @RequestBody @Valid EnabledBody body) {
        return RuleView.of(administration.setEnabled(id, body.enabled()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable @Positive long id) {
        administration.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/order")
    @Operation(summary = "Set the order: the ids of all rules, first evaluated first")
    List<RuleView> reorder(@RequestBody @NotNull @Size(max = 10_000) List<Long> ids) {
        return administration.reorder(ids).stream().map(RuleView::of).toList();
    }

    @PostMapping("/dry-run")
    @Operation(summary = "Which rules would match this ticket and event, and what they would do; changes nothing")
    DryRunView dryRun(@RequestBody @Valid DryRunBody body) {
        AutomationEngine.Evaluation result = engine.dryRun(body.ticket(),
                AutomationEvent.message(body.trigger(), body.message()));
        return new DryRunView(result.generation(), result.matchedRules(), result.actions());
    }

    @GetMapping(value = "/drl", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "The DRL generated from the stored rules (for reading; rules in DRL files not included)")
    String drl() {
        return engine.current().drl();
    }
}
