package io.supportflow.ticket;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sequential, per-tenant ticket numbers in the tenant's format. The counter moves in its own short
 * transaction so that concurrent ticket creations never wait on each other's (long) transaction;
 * the price is a gap in the sequence when a creation fails, as in every helpdesk we replace.
 */
@Component
class TicketNumbers {

    private static final Pattern TOKEN = Pattern.compile("\\{(yyyy|yy|seq(?::(\\d{1,2}))?)}");
    static final Pattern VALID_FORMAT = Pattern.compile("^[A-Za-z0-9_-]{0,16}(\\{(yyyy|yy|seq(:\\d{1,2})?)}[A-Za-z0-9_-]{0,16}){1,4}$");

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    TicketNumbers(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    String next(String tenantId, Instant now) {
        String format = jdbc.sql("SELECT number_format FROM tenant WHERE id = :tenant").param("tenant", tenantId)
                .query(String.class).single();
        int year = now.atZone(ZoneOffset.UTC).getYear();
        String period = format.contains("{yy") ? Integer.toString(year) : "";
        Long sequence = ownTransaction.execute(status -> {
            // No wait for the WAL flush of this small transaction: the ticket's own commit comes later
            // in the WAL and flushes it too, so a committed ticket never loses its number; a crash
            // before that can only lose the increment of a number no committed ticket holds.
            // Saves one disk flush per created ticket (see src/bench/HISTORY.md). set_config(..., true) is
            // SET LOCAL; called in RETURNING it rides on the increment instead of costing a round trip.
            return jdbc.sql("""
                INSERT INTO ticket_counter (tenant_id, period, last_value) VALUES (:tenant, :period, 1)
                ON CONFLICT (tenant_id, period) DO UPDATE SET last_value = ticket_counter.last_value + 1
                RETURNING last_value, set_config('synchronous_commit', 'off', true)""")
                .param("tenant", tenantId).param("period", period).query((rs, row) -> rs.getLong(1)).single();
        });
        return format(format, year, sequence);
    }

    static String format(String format, int year, long sequence) {
        if (!VALID_FORMAT.matcher(format).matches() || !format.contains("{seq")) {
            throw new IllegalArgumentException("invalid ticket number format: " + format);
        }
        Matcher m = TOKEN.matcher(format);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group(1);
            String value;
            if (token.equals("yyyy")) {
                value = Integer.toString(year);
            } else if (token.equals("yy")) {
                value = String.format("%02d", year % 100);
            } else {
                int width = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                value = String.format("%0" + width + "d", sequence);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Applies the configured format to the tenant (validated: a bad format stops the start). */
    void configure(String tenantId, String format) {
        format(format, 2026, 1);
        jdbc.sql("UPDATE tenant SET number_format = :format WHERE id = :tenant")
                .param("format", format).param("tenant", tenantId).update();
    }
}
