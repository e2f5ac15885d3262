package io.supportflow.sla;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which business calendar applies: for the SLA clocks of a ticket, ask with its tenant and team.
 */
@Component
public class BusinessCalendars {

    /** The key of the calendars already read in the current transaction. */
    private static final Object TRANSACTION_CACHE = new Object();

    private final CalendarRepository calendars;

    BusinessCalendars(CalendarRepository calendars) {
        this.calendars = calendars;
    }

    /**
     * The team's own calendar if it has one, else the tenant's default calendar, else
     * {@link BusinessCalendar#CALENDAR_TIME} (24/7). One indexed query, remembered only until the end
     * of the current transaction (a new ticket's SLA clocks and its automation rules ask in one
     * transaction), so a change made on any node applies to the next transaction at once.
     *
     * @param team the ticket's team, or null for the tenant's default
     */
    public BusinessCalendar forTeam(String tenantId, String team) {
        Map<List<String>, BusinessCalendar> cache = transactionCache();
        if (cache == null) {
            return load(tenantId, team);
        }
        return cache.computeIfAbsent(Arrays.asList(tenantId, team), key -> load(tenantId, team));
    }

    private BusinessCalendar load(String tenantId, String team) {
        return calendars.findForTeam(tenantId, team).map(StoredCalendar::calendar).orElse(BusinessCalendar.CALENDAR_TIME);
    }

    /** A calendar was written in this transaction: what was read before no longer holds. */
    static void forgetInTransaction() {
        if (TransactionSynchronizationManager.hasResource(TRANSACTION_CACHE)) {
            @SuppressWarnings("unchecked")
            Map<List<String>, BusinessCalendar> cache = (Map<List<String>, BusinessCalendar>) TransactionSynchronizationManager
                    .getResource(TRANSACTION_CACHE);
            cache.clear();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<List<String>, BusinessCalendar> transactionCache() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Map<List<String>, BusinessCalendar> cache = (Map<List<String>, BusinessCalendar>) TransactionSynchronizationManager
                .getResource(TRANSACTION_CACHE);
        if (cache == null) {
            cache = new HashMap<>();
            TransactionSynchronizationManager.bindResource(TRANSACTION_CACHE, cache);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(TRANSACTION_CACHE);
                }
            });
        }
        return cache;
    }
}
