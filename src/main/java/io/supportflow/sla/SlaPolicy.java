package io.supportflow.sla;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of rules/sla-policy.dmn: the targets of the three clocks, how time counts, the warning
 * point and the escalation levels after a breach.
 *
 * @param calendarTeam the team whose business calendar applies; null: the ticket's team
 */
record SlaPolicy(String name, Duration firstResponse, Duration nextResponse, Duration resolution, boolean businessHours,
                 String calendarTeam, int warnAtPercent, List<EscalationLevel> escalation, String escalationText) {

    /** One escalation level: {@code offset} after the due time (counted like the clock), do {@code actions}. */
    record EscalationLevel(Duration offset, boolean notifyTeam, boolean raisePriority, String team) {
    }

    Duration target(SlaMetric metric) {
        return switch (metric) {
            case FIRST_RESPONSE -> firstResponse;
            case NEXT_RESPONSE -> nextResponse;
            case RESOLUTION -> resolution;
        };
    }

    static Duration duration(String field, String text) {
        try {
            Duration d = Duration.parse(text.strip());
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("SLA policy: " + field + " must be positive, was " + text);
            }
            return d;
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("SLA policy: " + field + " is not an ISO-8601 duration: " + text, e);
        }
    }

    /** Parses "PT0S notify; PT2H raise-priority, team:tier2" (levels by ';', actions by ','). */
    static List<EscalationLevel> escalation(String text) {
        List<EscalationLevel> levels = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return levels;
        }
        for (String level : text.split(";")) {
            String[] parts = level.strip().split("\\s+", 2);
            Duration offset;
            try {
                offset = Duration.parse(parts[0]);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("SLA policy: escalation level '" + level.strip() + "' does not start with an ISO-8601 offset", e);
            }
            if (offset.isNegative()) {
                throw new IllegalArgumentException("SLA policy: escalation offsets count from the due time and cannot be negative");
            }
            boolean notify = false;
            boolean raise = false;
            String team = null;
            for (String action : (parts.length > 1 ? parts[1] : "").split(",")) {
                String a = action.strip();
                if (a.isEmpty()) {
                    continue;
                }
                switch (a.toLowerCase(Locale.ROOT)) {
                    case "notify" -> notify = true;
                    case "raise-priority" -> raise = true;
                    default -> {
                        if (a.startsWith("team:") && a.length() > 5) {
                            team = a.substring(5).strip();
                        } else {
                            throw new IllegalArgumentException("SLA policy: unknown escalation action '" + a
                                    + "' (notify, raise-priority, team:<team>)");
                        }
                    }
                }
            }
            if (!levels.isEmpty() && offset.compareTo(levels.get(levels.size() - 1).offset()) < 0) {
                throw new IllegalArgumentException("SLA policy: escalation levels must be in increasing order of offset");
            }
            levels.add(new EscalationLevel(offset, notify, raise, team));
        }
        return levels;
    }
}
