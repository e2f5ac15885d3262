package io.supportflow.platform;

import io.supportflow.ticket.TicketLifecycle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start, after the deployment, moves every running ticket process still on an older version of
 * processes/ticket-lifecycle.bpmn to the latest version (Camunda's migration API, activities
 * mapped by equal id). Older versions timed responses themselves (a "Response due" boundary timer
 * calling a bean that no longer exists); that timer has no equivalent and is dropped with its job
 * and any incident of it, and the SLA clocks take over (see {@link TicketProcessesUpgraded}).
 * <p>
 * Chunks of {@value #CHUNK} instances, each in one transaction holding a PostgreSQL advisory lock:
 * nodes starting at once take turns, and each chunk asks again which instances are still old, so
 * running it twice, or on two nodes, migrates every instance exactly once.
 */
@Component
class TicketLifecycleUpgrade {

    static final int CHUNK = 200;
    static final int ATTEMPTS = 5;
    /** Variables of older versions the latest one no longer reads. */
    static final Set<String> OBSOLETE_VARIABLES = Set.of("responseDue");

    private static final Logger log = LoggerFactory.getLogger(TicketLifecycleUpgrade.class);
    private static final String LOCK = "supportflow:ticket-lifecycle-upgrade";

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    TicketLifecycleUpgrade(RepositoryService repository, RuntimeService runtime, JdbcClient jdbc,
            TransactionTemplate transaction, ApplicationEventPublisher events) {
        this.repository = repository;
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.events = events;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(2)
    void atStart() {
        int moved = upgrade();
        if (moved > 0) {
            log.info("Moved {} ticket processes to the latest {} version", moved, TicketLifecycle.PROCESS_KEY);
        }
    }

    /** Moves every running ticket process of an older version to the latest; returns how many it moved. */
    int upgrade() {
        int total = 0;
        int moved;
        do {
            moved = chunkWithRetries();
            total += moved;
        } while (moved == CHUNK);
        return total;
    }

    /**
     * Nodes already running keep executing jobs meanwhile; one that touches an instance of the
     * chunk makes the chunk fail on the engine's optimistic lock, and the chunk is done again.
     */
    private int chunkWithRetries() {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> upgradeChunk());
            } catch (OptimisticLockingException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.info("Ticket process upgrade met a concurrent change ({}); trying the chunk again", e.getMessage());
            }
        }
    }

    private int upgradeChunk() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", LOCK).query((rs, n) -> 1).list();
        ProcessDefinition latest = repository.createProcessDefinitionQuery()
                .processDefinitionKey(TicketLifecycle.PROCESS_KEY).latestVersion().singleResult();
        if (latest == null) {
            return 0;
        }
        Set<String> latestActivities = repository.getBpmnModelInstance(latest.getId()).getModelElementsByType(FlowNode.class)
                .stream().map(FlowNode::getId).collect(Collectors.toSet());
        List<String> ticketNumbers = new ArrayList<>();
        Map<String, MigrationPlan> plans = new HashMap<>();
        for (ProcessDefinition older : repository.createProcessDefinitionQuery().processDefinitionKey(TicketLifecycle.PROCESS_KEY)
                .orderByProcessDefinitionVersion().asc().list()) {
            if (older.getVersion() >= latest.getVersion() || ticketNumbers.size() >= CHUNK) {
                continue;
            }
            List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processDefinitionId(older.getId())
                    .orderByProcessInstanceId().asc().listPage(0, CHUNK - ticketNumbers.size());
            if (instances.isEmpty()) {
                continue;
            }
            List<String> ids = instances.stream().map(ProcessInstance::getId).toList();
            ids.forEach(id -> leaveActivitiesWithoutEquivalent(id, latestActivities));
            MigrationPlan plan = plans.computeIfAbsent(older.getId(),
                    source -> runtime.createMigrationPlan(source, latest.getId()).mapEqualActivities().build());
            runtime.newMigration(plan).processInstanceIds(ids).skipCustomListeners().execute();
            ids.forEach(id -> runtime.removeVariables(id, OBSOLETE_VARIABLES));
            instances.forEach(instance -> ticketNumbers.add(instance.getBusinessKey()));
            log.info("Moved {} {} processes from version {} to {}", ids.size(), TicketLifecycle.PROCESS_KEY,
                    older.getVersion(), latest.getVersion());
        }
        if (!ticketNumbers.isEmpty()) {
            events.publishEvent(new TicketProcessesUpgraded(List.copyOf(ticketNumbers)));
        }
        return ticketNumbers.size();
    }

    /**
     * An instance waiting in an activity the latest version no longer has cannot be mapped. In the
     * versions so far only the old response clock's steps are such activities, and they never
     * wait (the timer's job is what waits, and it is dropped); should one be found, it is left
     * without running any of its listeners, and the rest of the instance moves on.
     */
    private void leaveActivitiesWithoutEquivalent(String processInstanceId, Set<String> latestActivities) {
        List<String> orphans = new ArrayList<>();
        collectOrphans(runtime.getActivityInstance(processInstanceId), latestActivities, orphans);
        if (orphans.isEmpty()) {
            return;
        }
        log.warn("Ticket process {} waits in {}, which the latest version does not have; leaving it", processInstanceId, orphans);
        var modification = runtime.createProcessInstanceModification(processInstanceId);
        orphans.forEach(modification::cancelAllForActivity);
        modification.execute(true, true);
    }

    private static void collectOrphans(ActivityInstance instance, Set<String> latestActivities, List<String> orphans) {
        if (instance == null) {
            return;
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            if (!latestActivities.contains(child.getActivityId())) {
                orphans.add(child.getActivityId());
            } else {
                collectOrphans(child, latestActivities, orphans);
            }
        }
    }
}
