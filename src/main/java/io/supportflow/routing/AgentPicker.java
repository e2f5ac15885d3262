package io.supportflow.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The choice itself, free of storage: candidates are the team's available members, sorted by id. */
final class AgentPicker {

    private AgentPicker() {
    }

    static Optional<String> roundRobin(List<String> candidates, String last) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(candidates.stream().filter(c -> last == null || c.compareTo(last) > 0).findFirst()
                .orElse(candidates.get(0)));
    }

    static Optional<String> leastLoaded(List<String> candidates, Map<String, Long> load) {
        return candidates.stream().min(Comparator.<String>comparingLong(c -> load.getOrDefault(c, 0L))
                .thenComparing(Comparator.naturalOrder()));
    }

    /** Best skill match first (agents matching nothing only when nobody matches anything), then least loaded. */
    static Optional<String> bySkills(List<String> candidates, Map<String, Set<String>> skills, Set<String> wanted,
            Map<String, Long> load) {
        Map<String, Long> scores = new java.util.HashMap<>();
        candidates.forEach(c -> scores.put(c, skills.getOrDefault(c, Set.of()).stream().filter(wanted::contains).count()));
        long best = scores.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return leastLoaded(candidates.stream().filter(c -> scores.get(c) == best).toList(), load);
    }
}
