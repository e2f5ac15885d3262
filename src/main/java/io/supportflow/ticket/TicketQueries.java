package io.supportflow.ticket;

import io.supportflow.common.InvalidInputException;
import io.supportflow.identity.Agent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ticket lists from our own indexed table (never from task queries): filters, a sort that an
 * index serves, and keyset ("cursor") pagination that costs the same on page 1 and page 10,000.
 */
@Component
@Transactional(readOnly = true)
class TicketQueries {

    enum Sort {
        PRIORITY("priority"), CREATED("created"), CREATED_DESC("-created"), UPDATED("updated"), UPDATED_DESC("-updated");

        final String param;

        Sort(String param) {
            this.param = param;
        }

        static Sort parse(String value) {
            for (Sort s : values()) {
                if (s.param.equals(value)) {
                    return s;
                }
            }
            throw new InvalidInputException("sort", "sort is one of priority, created, -created, updated, -updated.");
        }
    }

    /** 9999-12-31: no ticket is newer, and PostgreSQL's timestamp range is never left. */
    private static final long MAX_CURSOR_MICROS = 253_402_300_799_000_000L;

    record Filter(List<TicketStatus> statuses, List<Priority> priorities, String team, String assignee, String tag,
                  String q, Boolean snoozed, Sort sort, int limit, String cursor) {
    }

    record Result(List<Ticket> tickets, String nextCursor) {
    }

    private final JdbcClient jdbc;
    private final TicketRepository repository;
    private final TicketSettings settings;

    TicketQueries(JdbcClient jdbc, TicketRepository repository, TicketSettings settings) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.settings = settings;
    }

    Result list(Filter filter, Agent agent) {
        String columns = TicketRepository.COLUMNS + ", priority_rank";
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", settings.tenant());
        StringBuilder where = new StringBuilder();
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            where.append(" AND status IN (:statuses)");
            params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
        }
        if (filter.priorities() != null && !filter.priorities().isEmpty()) {
            where.append(" AND priority IN (:priorities)");
            params.put("priorities", filter.priorities().stream().map(Enum::name).toList());
        }
        if (filter.team() != null) {
            where.append(" AND team = :team");
            params.put("team", filter.team());
        }
        if (filter.assignee() != null) {
            switch (filter.assignee()) {
                case "none" -> where.append(" AND assignee IS NULL");
                case "me" -> {
                    where.append(" AND assignee = :assignee");
                    params.put("assignee", agent.id());
                }
                default -> {
                    where.append(" AND assignee = :assignee");
                    params.put("assignee", filter.assignee());
                }
            }
        }
        if (filter.tag() != null) {
            where.append(" AND tags @> ARRAY[CAST(:tag AS text)]");
            params.put("tag", filter.tag().toLowerCase(java.util.Locale.ROOT));
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            where.append(" AND (number = :qExact OR search_vector @@ plainto_tsquery('simple', :q))");
            params.put("q", filter.q());
            params.put("qExact", filter.q().strip());
        }
        if (filter.snoozed() != null) {
            where.append(filter.snoozed() ? " AND snoozed_until IS NOT NULL" : " AND snoozed_until IS NULL");
        }
        if (filter.cursor() != null) {
            appendAfter(where, params, filter.sort(), decode(filter.cursor(), filter.sort()));
        }
        String orderAndLimit = orderBy(filter.sort()) + " LIMIT :limit";
        StringBuilder sql = new StringBuilder();
        boolean mine = "me".equals(filter.assignee()) || agent.id().equals(filter.assignee());
        boolean ownTeam = filter.team() != null && agent.memberOf(filter.team());
        if (agent.admin() || mine || ownTeam) {
            // visible by construction (an admin, the agent's own tickets, one of its teams): no
            // visibility clause, so the planner can walk an index in order and stop after one page
            sql.append("SELECT ").append(columns).append(" FROM ticket WHERE tenant_id = :tenant").append(where);
        } else {
            params.put("me", agent.id());
            if (agent.groups().isEmpty()) {
                sql.append("SELECT ").append(columns).append(" FROM ticket WHERE tenant_id = :tenant AND assignee = :me").append(where);
            } else {
                // "team IN (…) OR assignee = me" would stop every index from filtering by team; two
                // indexable scans, each cut to one page, merged, give the same rows
                params.put("groups", List.copyOf(agent.groups()));
                sql.append("SELECT * FROM ((SELECT ").append(columns)
                        .append(" FROM ticket WHERE tenant_id = :tenant AND team IN (:groups)").append(where).append(orderAndLimit)
                        .append(") UNION ALL (SELECT ").append(columns)
                        .append(" FROM ticket WHERE tenant_id = :tenant AND assignee = :me AND (team IS NULL OR team NOT IN (:groups))")
                        .append(where).append(orderAndLimit).append(")) visible");
            }
        }
        sql.append(orderAndLimit);
        params.put("limit", filter.limit() + 1);

        List<Object[]> keys = new ArrayList<>();
        List<Ticket> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            keys.add(new Object[] {rs.getInt("priority_rank")});
            return repository.rowMapper().mapRow(rs, n);
        }).list();
        String next = null;
        if (rows.size() > filter.limit()) {
            rows = rows.subList(0, filter.limit());
            Ticket last = rows.get(rows.size() - 1);
            next = encode(filter.sort(), (Integer) keys.get(filter.limit() - 1)[0], last);
        }
        return new Result(rows, next);
    }

    /** The statuses the count badges show: every status a ticket can still leave. */
    static final List<TicketStatus> COUNTED = List.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.IN_PROGRESS,
            TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.WAITING_ON_THIRD_PARTY, TicketStatus.RESOLVED);

    /**
     * Literal, not a bind parameter: the planner can then match the partial index
     * ticket_counts_idx (db/changelog/004-ticket-counts.sql), whose predicate is the same list.
     */
    private static final String COUNTED_SQL = "status IN ('NEW', 'OPEN', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', "
            + "'WAITING_ON_THIRD_PARTY', 'RESOLVED')";

    /**
     * The inbox badges: how many of the tickets this agent may see (optionally of one team) are in
     * each status that is not final. The same visibility rule as {@link #list}; an agent's count is
     * split into "my teams" and "assigned to me elsewhere" so that each part is an index-only scan.
     */
    Map<TicketStatus, Long> counts(String team, Agent agent) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", settings.tenant());
        String teamFilter = "";
        if (team != null) {
            teamFilter = " AND team = :team";
            params.put("team", team);
        }
        String base = "SELECT status, count(*) AS n FROM ticket WHERE tenant_id = :tenant AND " + COUNTED_SQL + teamFilter;
        String sql;
        if (agent.admin()) {
            sql = base + " GROUP BY status";
        } else {
            params.put("me", agent.id());
            if (agent.groups().isEmpty()) {
                sql = base + " AND assignee = :me GROUP BY status";
            } else {
                params.put("groups", List.copyOf(agent.groups()));
                sql = "SELECT status, sum(n) AS n FROM (" + base + " AND team IN (:groups) GROUP BY status UNION ALL "
                        + base + " AND assignee = :me AND (team IS NULL OR team NOT IN (:groups)) GROUP BY status"
                        + ") AS parts GROUP BY status";
            }
        }
        Map<TicketStatus, Long> counts = new LinkedHashMap<>();
        COUNTED.forEach(s -> counts.put(s, 0L));
        jdbc.sql(sql).params(params).query((rs, n) -> counts.put(TicketStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list();
        return counts;
    }

    private static String orderBy(Sort sort) {
        return switch (sort) {
            case PRIORITY -> " ORDER BY priority_rank DESC, created_at, id";
            case CREATED -> " ORDER BY created_at, id";
            case CREATED_DESC -> " ORDER BY created_at DESC, id DESC";
            case UPDATED -> " ORDER BY updated_at, id";
            case UPDATED_DESC -> " ORDER BY updated_at DESC, id DESC";
        };
    }

    private static void appendAfter(StringBuilder sql, Map<String, Object> params, Sort sort, long[] key) {
        switch (sort) {
            case PRIORITY -> {
                sql.append(" AND (priority_rank < :cRank OR (priority_rank = :cRank AND (created_at, id) > (:cTime, :cId)))");
                params.put("cRank", (int) key[0]);
                params.put("cTime", TicketRepository.ts(micros(key[1])));
                params.put("cId", key[2]);
            }
            case CREATED, UPDATED, CREATED_DESC, UPDATED_DESC -> {
                String column = sort == Sort.CREATED || sort == Sort.CREATED_DESC ? "created_at" : "updated_at";
                String op = sort == Sort.CREATED || sort == Sort.UPDATED ? ">" : "<";
                sql.append(" AND (").append(column).append(", id) ").append(op).append(" (:cTime, :cId)");
                params.put("cTime", TicketRepository.ts(micros(key[1])));
                params.put("cId", key[2]);
            }
        }
    }

    private static String encode(Sort sort, int rank, Ticket last) {
        Instant time = sort == Sort.UPDATED || sort == Sort.UPDATED_DESC ? last.getUpdatedAt() : last.getCreatedAt();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, time);
        String raw = sort.param + "|" + rank + "|" + micros + "|" + last.getId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static long[] decode(String cursor, Sort sort) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 4 || !parts[0].equals(sort.param)) {
                throw new IllegalArgumentException();
            }
            long[] key = {Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3])};
            if (key[0] < 0 || key[0] > 5 || key[1] < 0 || key[1] > MAX_CURSOR_MICROS || key[2] < 0) {
                throw new IllegalArgumentException();
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", "The cursor is not valid for this sort; start again without it.");
        }
    }

    private static Instant micros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
