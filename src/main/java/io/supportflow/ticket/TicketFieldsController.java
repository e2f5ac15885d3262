package io.supportflow.ticket;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Categories and custom fields: agents read them, administrators define them. */
@RestController
@Validated
@Tag(name = "Ticket fields", description = "Categories and per-tenant custom fields")
@SecurityRequirement(name = "basic")
class TicketFieldsController {

    static final String CODE = "^[a-z][a-z0-9_]{1,49}$";
    static final String KEY = "^[a-z][A-Za-z0-9_]{0,49}$";

    record FieldsView(List<TicketFields.Category> categories, List<TicketFields.CustomField> customFields) {
    }

    record NewCategory(@NotBlank @Pattern(regexp = CODE, message = "lower-case letters, digits and _ (2-50)") String code,
                       @NotBlank @Size(max = 100) @Pattern(regexp = TicketApi.NAME_PATTERN) String name) {
    }

    record NewCustomField(@NotBlank @Pattern(regexp = KEY, message = "a letter, then letters, digits and _ (1-50)") String key,
                          @NotBlank @Size(max = 100) @Pattern(regexp = TicketApi.NAME_PATTERN) String label,
                          @NotNull TicketFields.Type type,
                          @Size(max = 50) List<@NotBlank @Size(max = 100) @Pattern(regexp = TicketApi.NAME_PATTERN) String> options,
                          Boolean required) {
    }

    private final TicketFields fields;
    private final TicketSettings settings;

    TicketFieldsController(TicketFields fields, TicketSettings settings) {
        this.fields = fields;
        this.settings = settings;
    }

    @GetMapping("/api/v1/ticket-fields")
    @Operation(summary = "The categories and custom fields a ticket can have")
    FieldsView list() {
        return new FieldsView(fields.categories(settings.tenant()), fields.customFields(settings.tenant()));
    }

    @PostMapping("/api/v1/admin/categories")
    @Operation(summary = "Add a category (administrators)")
    ResponseEntity<TicketFields.Category> addCategory(@Valid @RequestBody NewCategory body) {
        TicketFields.Category category = fields.addCategory(settings.tenant(), body.code(), body.name().strip());
        return ResponseEntity.created(URI.create("/api/v1/admin/categories/" + category.code())).body(category);
    }

    @DeleteMapping("/api/v1/admin/categories/{code}")
    @Operation(summary = "Remove an unused, admin-defined category (administrators)")
    ResponseEntity<Void> removeCategory(@PathVariable @Pattern(regexp = CODE) String code) {
        fields.removeCategory(settings.tenant(), code);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/admin/custom-fields")
    @Operation(summary = "Add a custom field (administrators)")
    ResponseEntity<TicketFields.CustomField> addCustomField(@Valid @RequestBody NewCustomField body) {
        TicketFields.CustomField field = fields.addCustomField(settings.tenant(), new TicketFields.CustomField(body.key(),
                body.label().strip(), body.type(), body.options() == null ? List.of() : body.options(),
                Boolean.TRUE.equals(body.required())));
        return ResponseEntity.created(URI.create("/api/v1/admin/custom-fields/" + field.key())).body(field);
    }

    @DeleteMapping("/api/v1/admin/custom-fields/{key}")
    @Operation(summary = "Remove a custom field; values already stored on tickets stay in their history (administrators)")
    ResponseEntity<Void> removeCustomField(@PathVariable @Pattern(regexp = KEY) String key) {
        fields.removeCustomField(settings.tenant(), key);
        return ResponseEntity.noContent().build();
    }
}
