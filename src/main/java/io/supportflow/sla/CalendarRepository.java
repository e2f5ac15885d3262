package io.supportflow.sla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportflow.sla.BusinessCalendar.Holiday;
import io.supportflow.sla.BusinessCalendar.Interval;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Business calendars in three tables. Each read is one statement (hours and holidays aggregated as
 * JSON), so it sees one consistent snapshot even while an admin replaces the calendar.
 */
@Repository
class CalendarRepository {

    private static final String SELECT = """
            SELECT c.id, c.tenant_id, c.name, c.time_zone, c.team,
                (SELECT coalesce(json_agg(json_build_array(i.day_of_week, i.start_time::text, i.end_time::text)), '[]')
                 FROM business_calendar_interval i WHERE i.calendar_id = c.id) AS hours,
                (SELECT coalesce(json_agg(json_build_array(h.holiday_date::text, h.yearly, h.name) ORDER BY h.holiday_date), '[]')
                 FROM business_calendar_holiday h WHERE h.calendar_id = c.id) AS holidays
            FROM business_calendar c
            """;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    CalendarRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The tenant's calendars, its default first, then by name. */
    List<StoredCalendar> list(String tenantId) {
        return jdbc.sql(SELECT + " WHERE c.tenant_id = :tenant ORDER BY c.team NULLS FIRST, c.name")
                .param("tenant", tenantId).query(this::map).list();
    }

    Optional<StoredCalendar> find(String tenantId, long id) {
        return jdbc.sql(SELECT + " WHERE c.tenant_id = :tenant AND c.id = :id")
                .param("tenant", tenantId).param("id", id).query(this::map).optional();
    }

    /** The team's override if it has one, else the tenant's default (team null: the default). */
    Optional<StoredCalendar> findForTeam(String tenantId, String team) {
        return jdbc.sql(SELECT + " WHERE c.tenant_id = :tenant AND (c.team = :team OR c.team IS NULL) ORDER BY c.team NULLS LAST LIMIT 1")
                .param("tenant", tenantId).param("team", team).query(this::map).optional();
    }

    /** The tenant's calendar with this name. */
    Optional<Long> findByName(String tenantId, String name) {
        return jdbc.sql("SELECT id FROM business_calendar WHERE tenant_id = :tenant AND name = :name")
                .param("tenant", tenantId).param("name", name).query(Long.class).optional();
    }

    /** The tenant's calendar for exactly this team; team null: the tenant's default. */
    Optional<Long> findIdForExactTeam(String tenantId, String team) {
        return jdbc.sql("SELECT id FROM business_calendar WHERE tenant_id = :tenant AND team IS NOT DISTINCT FROM :team")
                .param("tenant", tenantId).param("team", team).query(Long.class).optional();
    }

    long insert(String tenantId, String team, BusinessCalendar calendar) {
        BusinessCalendars.forgetInTransaction();
        long id = jdbc.sql("""
                INSERT INTO business_calendar (tenant_id, name, time_zone, team) VALUES (:tenant, :name, :zone, :team)
                RETURNING id""")
                .param("tenant", tenantId).param("name", calendar.name()).param("zone", calendar.zone().getId())
                .param("team", team).query(Long.class).single();
        insertDetails(id, calendar);
        return id;
    }

    /** Replaces name, zone, team, hours and holidays; false when there is no such calendar. */
    boolean replace(String tenantId, long id, String team, BusinessCalendar calendar) {
        BusinessCalendars.forgetInTransaction();
        int updated = jdbc.sql("""
                UPDATE business_calendar SET name = :name, time_zone = :zone, team = :team, updated_at = now()
                WHERE tenant_id = :tenant AND id = :id""")
                .param("tenant", tenantId).param("id", id).param("name", calendar.name())
                .param("zone", calendar.zone().getId()).param("team", team).update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM business_calendar_interval WHERE calendar_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM business_calendar_holiday WHERE calendar_id = :id").param("id", id).update();
        insertDetails(id, calendar);
        return true;
    }

    boolean delete(String tenantId, long id) {
        BusinessCalendars.forgetInTransaction();
        return jdbc.sql("DELETE FROM business_calendar WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", id).update() > 0;
    }

    private void insertDetails(long id, BusinessCalendar calendar) {
        List<String> days = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        calendar.week().forEach((day, intervals) -> intervals.forEach(interval -> {
            days.add(String.valueOf(day.getValue()));
            starts.add(interval.startText());
            ends.add(interval.endText());
        }));
        jdbc.sql("""
                INSERT INTO business_calendar_interval (calendar_id, day_of_week, start_time, end_time)
                SELECT :id, t.d, t.s, t.e
                FROM unnest(CAST(:days AS smallint[]), CAST(:starts AS time[]), CAST(:ends AS time[])) AS t(d, s, e)""")
                .param("id", id).param("days", days.toArray(String[]::new))
                .param("starts", starts.toArray(String[]::new)).param("ends", ends.toArray(String[]::new)).update();
        if (calendar.holidays().isEmpty()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO business_calendar_holiday (calendar_id, holiday_date, yearly, name)
                SELECT :id, t.d, t.y, t.n
                FROM unnest(CAST(:dates AS date[]), CAST(:yearly AS boolean[]), CAST(:names AS text[])) AS t(d, y, n)""")
                .param("id", id)
                .param("dates", calendar.holidays().stream().map(h -> h.date().toString()).toArray(String[]::new))
                .param("yearly", calendar.holidays().stream().map(h -> String.valueOf(h.yearly())).toArray(String[]::new))
                .param("names", calendar.holidays().stream().map(Holiday::name).toArray(String[]::new))
                .update();
    }

    private StoredCalendar map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        Map<DayOfWeek, List<Interval>> week = new EnumMap<>(DayOfWeek.class);
        for (JsonNode interval : read(rs.getString("hours"))) {
            week.computeIfAbsent(DayOfWeek.of(interval.get(0).asInt()), d -> new ArrayList<>())
                    .add(Interval.parse(interval.get(1).asText(), interval.get(2).asText()));
        }
        List<Holiday> holidays = new ArrayList<>();
        for (JsonNode holiday : read(rs.getString("holidays"))) {
            holidays.add(new Holiday(LocalDate.parse(holiday.get(0).asText()), holiday.get(1).asBoolean(),
                    holiday.get(2).isNull() ? null : holiday.get(2).asText()));
        }
        BusinessCalendar calendar = new BusinessCalendar(id, rs.getString("name"), ZoneId.of(rs.getString("time_zone")),
                week, holidays);
        return new StoredCalendar(id, rs.getString("tenant_id"), rs.getString("team"), calendar);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable calendar row", e);
        }
    }
}
