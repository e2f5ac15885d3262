package io.supportflow.ticket;

import io.supportflow.common.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Validates the names and values that agents choose: tags, categories, custom fields. Names are
 * identifiers, so markup, quotes, slashes and control characters are refused rather than stored.
 */
@Component
class TicketFieldRules {

    static final Pattern TAG = Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{N}_.:-]{0,49}$");
    static final int MAX_TAGS = 20;
    static final int MAX_CUSTOM_TEXT = 1000;
    static final int MAX_BODY = 100_000;

    private final JdbcClient jdbc;

    TicketFieldRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<String> tags(List<String> input) {
        if (input == null) {
            return List.of();
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (String raw : input) {
            String tag = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidInputException("tags", "Tags are 1-50 letters, digits, '_', '.', ':' or '-', starting with a letter or digit.");
            }
            tags.add(tag);
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidInputException("tags", "At most " + MAX_TAGS + " tags.");
        }
        return new ArrayList<>(tags);
    }

    List<String> tagsFromText(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return tags(List.of(csv.split("[,\\s]+")).stream().filter(s -> !s.isBlank()).toList());
    }

    String category(String tenantId, String input) {
        String code = input == null ? "general" : input.strip().toLowerCase(Locale.ROOT);
        boolean known = jdbc.sql("SELECT count(*) FROM ticket_category WHERE tenant_id = :t AND code = :c")
                .param("t", tenantId).param("c", code).query(Integer.class).single() > 0;
        if (!known) {
            throw new InvalidInputException("category", "Unknown category.");
        }
        return code;
    }

    /** Merges changes into current values; a null value removes the field. */
    Map<String, Object> customFields(String tenantId, Map<String, Object> current, Map<String, Object> changes) {
        Map<String, Object> result = new LinkedHashMap<>(current);
        if (changes == null) {
            return result;
        }
        Map<String, Definition> definitions = definitions(tenantId);
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            Definition definition = definitions.get(e.getKey());
            if (definition == null) {
                throw new InvalidInputException("customFields", "Unknown custom field.");
            }
            if (e.getValue() == null) {
                result.remove(e.getKey());
            } else {
                result.put(e.getKey(), definition.check(e.getValue()));
            }
        }
        for (Definition d : definitions.values()) {
            if (d.required() && !result.containsKey(d.key())) {
                throw new InvalidInputException("customFields." + d.key(), "Custom field '" + d.key() + "' is required.");
            }
        }
        return result;
    }

    String body(String field, String body) {
        if (body != null && body.length() > MAX_BODY) {
            throw new InvalidInputException(field, "At most " + MAX_BODY + " characters.");
        }
        return body == null || body.isBlank() ? null : body;
    }

    private Map<String, Definition> definitions(String tenantId) {
        Map<String, Definition> map = new LinkedHashMap<>();
        jdbc.sql("SELECT key, type, options, required FROM custom_field WHERE tenant_id = :t ORDER BY key")
                .param("t", tenantId)
                .query((rs, n) -> new Definition(rs.getString(1), rs.getString(2),
                        List.of((String[]) rs.getArray(3).getArray()), rs.getBoolean(4)))
                .list().forEach(d -> map.put(d.key(), d));
        return map;
    }

    private record Definition(String key, String type, List<String> options, boolean required) {

        Object check(Object value) {
            String field = "customFields." + key;
            switch (type) {
                case "NUMBER" -> {
                    if (value instanceof Number) {
                        return value;
                    }
                    throw new InvalidInputException(field, "Custom field '" + key + "' must be a number.");
                }
                case "BOOLEAN" -> {
                    if (value instanceof Boolean) {
                        return value;
                    }
                    throw new InvalidInputException(field, "Custom field '" + key + "' must be true or false.");
                }
                case "DATE" -> {
                    try {
                        return java.time.LocalDate.parse(String.valueOf(value)).toString();
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new InvalidInputException(field, "Custom field '" + key + "' must be a date (YYYY-MM-DD).");
                    }
                }
                case "SELECT" -> {
                    if (value instanceof String s && options.contains(s)) {
                        return s;
                    }
                    throw new InvalidInputException(field, "Custom field '" + key + "' must be one of " + options + ".");
                }
                default -> {
                    if (value instanceof String s && s.length() <= MAX_CUSTOM_TEXT && s.chars().noneMatch(Character::isISOControl)) {
                        return s;
                    }
                    throw new InvalidInputException(field, "Custom field '" + key + "' must be text of at most " + MAX_CUSTOM_TEXT + " characters.");
                }
            }
        }
    }
}
