package io.supportflow.automation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects what one evaluation plans, as the global {@code plan} of the DRL: generated rules call
 * {@link #matched(long)}, rules in DRL files call {@link #add(String, ActionType, Map)}. Rules fire in
 * salience order (stored rules: by position); after a STOP_PROCESSING nothing more is added. One
 * instance per evaluation: not thread-safe, never shared.
 */
public final class ActionPlan {

    private static final Logger log = LoggerFactory.getLogger(ActionPlan.class);

    public record MatchedRule(String ruleId, String ruleName) {
    }

    private final Map<Long, AutomationRule> rules;
    private final TicketFacts ticket;
    private final AutomationEvent event;
    private final List<PlannedAction> actions = new ArrayList<>();
    private final List<MatchedRule> matched = new ArrayList<>();
    private boolean stopped;

    ActionPlan(Map<Long, AutomationRule> rules, TicketFacts ticket, AutomationEvent event) {
        this.rules = rules;
        this.ticket = ticket;
        this.event = event;
    }

    /** A stored rule matched: plan its actions. */
    public void matched(long ruleId) {
        AutomationRule rule = rules.get(ruleId);
        String id = Long.toString(ruleId);
        if (rule == null || stopped || event.causedBy(id)) {
            return;
        }
        matched.add(new MatchedRule(id, rule.name()));
        for (RuleAction action : rule.actions()) {
            plan(id, rule.name(), action);
        }
    }

    /** A rule from a DRL file matched: plan one action (checked like a stored rule's). */
    public void add(String drlRuleName, ActionType type, Map<String, Object> params) {
        String id = "drl:" + drlRuleName;
        if (stopped || event.causedBy(id)) {
            return;
        }
        RuleAction action = new RuleAction(type, params);
        try {
            RuleValidator.action("action", action);
        } catch (RuntimeException e) {
            log.warn("DRL rule {} planned an invalid {} action, ignored: {}", drlRuleName, type, e.getMessage());
            return;
        }
        if (matched.stream().noneMatch(m -> m.ruleId().equals(id))) {
            matched.add(new MatchedRule(id, drlRuleName));
        }
        plan(id, drlRuleName, action);
    }

    public void add(String drlRuleName, ActionType type) {
        add(drlRuleName, type, Map.of());
    }

    private void plan(String id, String name, RuleAction action) {
        if (stopped) {
            return;
        }
        Map<String, Object> params = action.params();
        if (action.type() == ActionType.SEND_REPLY) {
            params = new LinkedHashMap<>(params);
            String template = params.containsKey("response")
                    ? AutoResponses.template((String) params.get("response"),
                            AutoResponses.language((String) params.get("language"), ticket.language()))
                    : (String) params.get("template");
            params.put("text", render(template, ticket));
        }
        actions.add(new PlannedAction(id, name, action.type(), params));
        if (action.type() == ActionType.STOP_PROCESSING) {
            stopped = true;
        }
    }

    /** Fills {{ticket.number}}-style placeholders with plain values (the reply is text; the caller escapes for HTML). */
    static String render(String template, TicketFacts t) {
        return render(template, t, null);
    }

    /** With {{agent.name}} too (macros, applied by an agent); null leaves it as written. */
    static String render(String template, TicketFacts t, String agentName) {
        Matcher m = RuleValidator.PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "ticket.number" -> t.number();
                case "ticket.subject" -> t.subject();
                case "ticket.status" -> t.status();
                case "ticket.priority" -> t.priority();
                case "ticket.category" -> t.category();
                case "requester.name" -> t.requesterName();
                case "requester.email" -> t.requesterEmail();
                case "agent.name" -> agentName == null ? m.group() : agentName;
                default -> m.group();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    List<PlannedAction> actions() {
        return List.copyOf(actions);
    }

    List<MatchedRule> matchedRules() {
        return List.copyOf(matched);
    }
}
