package io.supportflow.automation;

import java.util.List;

/**
 * One test on the ticket or the event's message: {@code field operator values}. Values are data: they
 * never become DRL text (see {@link DrlGenerator}).
 *
 * @param field  status, priority, category, channel, team, assignee, tags, subject, description,
 *               requester.email, requester.name, organization, businessHours ("inside" / "outside" the team's
 *               business calendar, EQUALS / NOT_EQUALS only), customFields.&lt;key&gt;, message.text,
 *               message.authorType, message.internal
 * @param values none for IS_EMPTY/IS_NOT_EMPTY, one or more for IN/NOT_IN, exactly one otherwise
 */
public record Condition(String field, ConditionOperator operator, List<String> values) {
    public Condition {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static Condition of(String field, ConditionOperator operator, String... values) {
        return new Condition(field, operator, List.of(values));
    }
}
