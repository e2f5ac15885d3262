package io.supportflow.automation;

import io.supportflow.automation.ActionPlan.MatchedRule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.kie.api.KieBase;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automation rules in force: stored rules compiled to DRL (see {@link DrlGenerator}) plus the DRL files
 * under {@code rules/}, one Drools KieBase held in an {@link AtomicReference}.
 *
 * <p>{@link #reload()} and {@link #install(RuleSet)} swap the whole set atomically; a set that does not
 * compile throws {@link RuleCompilationException} and the old set stays in force. {@link #evaluate} is
 * thread-safe: it reads the current set once and runs a fresh stateless session, so every evaluation sees
 * exactly one set, old or new.
 *
 * <p>How a caller (the ticket service, later) uses it: after a change, build {@link TicketFacts} and an
 * {@link AutomationEvent} ({@code AutomationEvent.of(trigger)}, depth 0), apply the returned actions in
 * order through the ticket service as the automation actor; an action whose change raises another event is
 * evaluated with {@code event.causedBy(nextTrigger, message, plannedAction)}, which skips the causing rule
 * and increments the depth; at {@link #MAX_CHAIN_DEPTH} nothing more is planned.
 */
public class AutomationEngine {

    /** Events at this depth or deeper plan nothing: a chain of rules triggering rules stops here. */
    public static final int MAX_CHAIN_DEPTH = 5;

    private static final Logger log = LoggerFactory.getLogger(AutomationEngine.class);
    private static final AtomicLong GENERATIONS = new AtomicLong();

    /** A compiled, immutable rule set. */
    public record RuleSet(long generation, KieBase kieBase, ConditionMatcher conditions, Map<Long, AutomationRule> rules,
            String drl, int fileCount) {
    }

    /** What a dry run reports. */
    public record Evaluation(long generation, List<MatchedRule> matchedRules, List<PlannedAction> actions) {
    }

    private final Supplier<List<AutomationRule>> storedRules;
    private final Supplier<Map<String, String>> drlFiles;
    private final AtomicReference<RuleSet> current = new AtomicReference<>();

    /**
     * @param storedRules the stored rules, any order (sorted by position here)
     * @param drlFiles    DRL files by name (e.g. "rules/automation-samples.drl") to compile with them
     */
    public AutomationEngine(Supplier<List<AutomationRule>> storedRules, Supplier<Map<String, String>> drlFiles) {
        this.storedRules = storedRules;
        this.drlFiles = drlFiles;
    }

    /** Compiles the stored rules and the DRL files, then swaps; on failure the old set stays and this throws. */
    public synchronized RuleSet reload() {
        RuleSet set = compile(storedRules.get());
        install(set);
        return set;
    }

    public void install(RuleSet set) {
        RuleSet old = current.getAndSet(set);
        log.info("Automation rules in force: generation {}, {} stored rules, {} DRL files (was generation {})",
                set.generation(), set.rules().size(), set.fileCount(), old == null ? "none" : old.generation());
    }

    /**
     * Installs the set unless a set compiled later is in force already, and says whether it did. Admin changes
     * install after their commit: the lock serialising them is released at the commit, so the next change
     * can compile and install before this thread gets to its install; without this check the older set would
     * then replace the newer one until the next change.
     */
    public boolean installIfNewer(RuleSet set) {
        RuleSet old = current.getAndAccumulate(set, (in, next) -> in == null || next.generation() > in.generation() ? next : in);
        if (old != null && old.generation() > set.generation()) {
            log.info("Automation rules generation {} not installed: generation {} is newer", set.generation(), old.generation());
            return false;
        }
        log.info("Automation rules in force: generation {}, {} stored rules, {} DRL files (was generation {})",
                set.generation(), set.rules().size(), set.fileCount(), old == null ? "none" : old.generation());
        return true;
    }

    public RuleSet current() {
        RuleSet set = current.get();
        if (set == null) {
            throw new IllegalStateException("automation rules not loaded yet");
        }
        return set;
    }

    /** Validates and compiles, without installing. */
    public RuleSet compile(List<AutomationRule> rules) {
        List<AutomationRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparingInt(AutomationRule::position).thenComparingLong(AutomationRule::id));
        Map<Long, AutomationRule> byId = new LinkedHashMap<>();
        Map<Long, List<ConditionMatcher.Compiled>> conditions = new LinkedHashMap<>();
        for (AutomationRule rule : sorted) {
            RuleValidator.validate(rule.definition());
            byId.put(rule.id(), rule);
            conditions.put(rule.id(), ConditionMatcher.compile(rule.conditions()));
        }
        String drl = DrlGenerator.generate(sorted);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(resource("generated/automation-rules.drl", drl), ResourceType.DRL);
        Map<String, String> files = drlFiles.get();
        files.forEach((name, text) -> builder.add(resource(name, text), ResourceType.DRL));
        if (builder.hasErrors()) {
            List<String> messages = new ArrayList<>();
            for (KnowledgeBuilderError error : builder.getErrors()) {
                String where = error.getResource() == null ? "" : error.getResource().getSourcePath();
                messages.add(where + (error.getLines().length > 0 ? " line " + error.getLines()[0] : "") + ": " + error.getMessage());
            }
            throw new RuleCompilationException(messages.stream().limit(20).toList());
        }
        KieBase kieBase = builder.newKieBase();
        return new RuleSet(GENERATIONS.incrementAndGet(), kieBase, new ConditionMatcher(conditions), Map.copyOf(byId), drl,
                files.size());
    }

    /** The actions to apply, in rule order; empty at {@link #MAX_CHAIN_DEPTH}. */
    public List<PlannedAction> evaluate(TicketFacts ticket, AutomationEvent event) {
        return evaluate(current(), ticket, event).actions();
    }

    /** Like {@link #evaluate} but also names the rules that matched; changes nothing. */
    public Evaluation dryRun(TicketFacts ticket, AutomationEvent event) {
        return evaluate(current(), ticket, event);
    }

    static Evaluation evaluate(RuleSet set, TicketFacts ticket, AutomationEvent event) {
        if (event.depth() >= MAX_CHAIN_DEPTH) {
            return new Evaluation(set.generation(), List.of(), List.of());
        }
        ActionPlan plan = new ActionPlan(set.rules(), ticket, event);
        StatelessKieSession session = set.kieBase().newStatelessKieSession();
        session.setGlobal("conditions", set.conditions());
        session.setGlobal("plan", plan);
        session.execute(List.of(ticket, event));
        return new Evaluation(set.generation(), plan.matchedRules(), plan.actions());
    }

    private static Resource resource(String name, String text) {
        Resource resource = ResourceFactory.newByteArrayResource(text.getBytes(StandardCharsets.UTF_8));
        resource.setSourcePath(name);
        resource.setResourceType(ResourceType.DRL);
        return resource;
    }
}
