package io.supportflow.ticket;

import io.supportflow.common.ConflictException;
import io.supportflow.common.InvalidInputException;
import io.supportflow.common.NotFoundException;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The tenant's categories and custom field definitions. */
@Component
@Transactional
class TicketFields {

    enum Type { TEXT, NUMBER, BOOLEAN, DATE, SELECT }

    record Category(String code, String name, boolean builtin) {
    }

    record CustomField(String key, String label, Type type, List<String> options, boolean required) {
    }

    private final JdbcClient jdbc;

    TicketFields(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    List<Category> categories(String tenant) {
        return jdbc.sql("SELECT code, name, builtin FROM ticket_category WHERE tenant_id = ? ORDER BY builtin DESC, code")
                .param(tenant).query((rs, n) -> new Category(rs.getString(1), rs.getString(2), rs.getBoolean(3))).list();
    }

    @Transactional(readOnly = true)
    List<CustomField> customFields(String tenant) {
        return jdbc.sql("SELECT key, label, type, options, required FROM custom_field WHERE tenant_id = ? ORDER BY key")
                .param(tenant).query((rs, n) -> new CustomField(rs.getString(1), rs.getString(2), Type.valueOf(rs.getString(3)),
                        List.of((String[]) rs.getArray(4).getArray()), rs.getBoolean(5))).list();
    }

    Category addCategory(String tenant, String code, String name) {
        int added = jdbc.sql("INSERT INTO ticket_category (tenant_id, code, name, builtin) VALUES (?, ?, ?, false) ON CONFLICT DO NOTHING")
                .params(tenant, code, name).update();
        if (added == 0) {
            throw new ConflictException("A category with this code exists already.");
        }
        return new Category(code, name, false);
    }

    void removeCategory(String tenant, String code) {
        Category category = categories(tenant).stream().filter(c -> c.code().equals(code)).findFirst()
                .orElseThrow(() -> new NotFoundException("No such category."));
        if (category.builtin()) {
            throw new ConflictException("Built-in categories cannot be removed.");
        }
        long used = jdbc.sql("SELECT count(*) FROM ticket WHERE tenant_id = ? AND category = ?").params(tenant, code)
                .query(Long.class).single();
        if (used > 0) {
            throw new ConflictException("The category is used by " + used + " tickets; recategorise them first.");
        }
        jdbc.sql("DELETE FROM ticket_category WHERE tenant_id = ? AND code = ?").params(tenant, code).update();
    }

    CustomField addCustomField(String tenant, CustomField field) {
        List<String> options = List.copyOf(new LinkedHashSet<>(field.options().stream().map(String::strip).toList()));
        if (field.type() == Type.SELECT && options.isEmpty()) {
            throw new InvalidInputException("options", "A SELECT field needs at least one option.");
        }
        if (field.type() != Type.SELECT && !options.isEmpty()) {
            throw new InvalidInputException("options", "Only SELECT fields have options.");
        }
        int added = jdbc.sql("""
                INSERT INTO custom_field (tenant_id, key, label, type, options, required) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")
                .params(tenant, field.key(), field.label(), field.type().name(), options.toArray(String[]::new), field.required())
                .update();
        if (added == 0) {
            throw new ConflictException("A custom field with this key exists already.");
        }
        return new CustomField(field.key(), field.label(), field.type(), options, field.required());
    }

    void removeCustomField(String tenant, String key) {
        if (jdbc.sql("DELETE FROM custom_field WHERE tenant_id = ? AND key = ?").params(tenant, key).update() == 0) {
            throw new NotFoundException("No such custom field.");
        }
    }
}
