package io.supportflow.automation;

import io.supportflow.common.ConflictException;
import io.supportflow.common.InvalidInputException;
import io.supportflow.common.NotFoundException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What admins do to automation rules. Every change is checked, written, and the tenant's whole rule set
 * recompiled inside the same transaction: if it does not compile the transaction rolls back (400 with the
 * compiler's messages) and the set in force stays; if it does, the new set is swapped in after commit.
 * Changes of one tenant are serialised by an advisory lock, and a set compiled earlier never replaces one
 * compiled later ({@link AutomationEngine#installIfNewer}), so the set in force is that of the last commit.
 */
@Service
@Transactional
class AutomationAdministration {

    private final AutomationRepository rules;
    private final AutomationEngine engine;
    private final String tenantId;

    AutomationAdministration(AutomationRepository rules, AutomationEngine engine,
            @Value("${supportflow.tickets.tenant:default}") String tenantId) {
        this.rules = rules;
        this.engine = engine;
        this.tenantId = tenantId;
    }

    @Transactional(readOnly = true)
    List<AutomationRule> list() {
        return rules.list(tenantId);
    }

    @Transactional(readOnly = true)
    AutomationRule get(long id) {
        return rules.find(tenantId, id).orElseThrow(() -> new NotFoundException("No automation rule " + id + "."));
    }

    AutomationRule create(RuleDefinition definition) {
        RuleValidator.validate(definition);
        rules.lock(tenantId);
        checkUniqueName(null, definition.name());
        long id;
        try {
            id = rules.insert(tenantId, rules.nextPosition(tenantId), definition);
        } catch (DuplicateKeyException e) {
            throw duplicateName();
        }
        recompile();
        return get(id);
    }

    AutomationRule replace(long id, RuleDefinition definition) {
        RuleValidator.validate(definition);
        rules.lock(tenantId);
        get(id);
        checkUniqueName(id, definition.name());
        try {
            rules.replace(tenantId, id, definition);
        } catch (DuplicateKeyException e) {
            throw duplicateName();
        }
        recompile();
        return get(id);
    }

    AutomationRule setEnabled(long id, boolean enabled) {
        rules.lock(tenantId);
        get(id);
        rules.setEnabled(tenantId, id, enabled);
        recompile();
        return get(id);
    }

    void delete(long id) {
        rules.lock(tenantId);
        get(id);
        rules.delete(tenantId, id);
        recompile();
    }

    /** ids: every rule of the tenant exactly once, in the new order. */
    List<AutomationRule> reorder(List<Long> ids) {
        rules.lock(tenantId);
        Set<Long> existing = new HashSet<>(rules.list(tenantId).stream().map(AutomationRule::id).toList());
        if (ids == null || ids.contains(null) || ids.size() != existing.size() || !existing.equals(new HashSet<>(ids))) {
            throw new InvalidInputException("ids", "must list every automation rule exactly once");
        }
        for (int i = 0; i < ids.size(); i++) {
            rules.setPosition(tenantId, ids.get(i), i + 1);
        }
        recompile();
        return rules.list(tenantId);
    }

    private void recompile() {
        AutomationEngine.RuleSet set = engine.compile(rules.list(tenantId));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    engine.installIfNewer(set);
                }
            });
        } else {
            engine.install(set);
        }
    }

    private void checkUniqueName(Long id, String name) {
        boolean taken = rules.list(tenantId).stream()
                .anyMatch(r -> r.name().equalsIgnoreCase(name) && (id == null || r.id() != id));
        if (taken) {
            throw duplicateName();
        }
    }

    private static ConflictException duplicateName() {
        return new ConflictException("An automation rule with this name exists already.");
    }
}
