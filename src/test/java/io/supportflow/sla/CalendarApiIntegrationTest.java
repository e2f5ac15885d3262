package io.supportflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The admin calendar API over real HTTP, on PostgreSQL, and the calendars it stores as the SLA clocks will see them. */
@IntegrationTest
class CalendarApiIntegrationTest {

    static final String CALENDARS = "/api/v1/admin/calendars";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired BusinessCalendars businessCalendars;

    Api admin() { return Api.as(port, "demo"); }

    @Test
    void adminCreatesListsReplacesAndDeletesATeamCalendar() {
        String name = unique("Billing hours");
        Api.Response created = admin().post(CALENDARS, calendar(name, "Europe/Paris", "billing",
                List.of(interval("MONDAY", "09:00", "12:00"), interval("MONDAY", "13:00", "17:00"),
                        interval("TUESDAY", "09:00", "17:00"), interval("FRIDAY", "22:00", "24:00"), interval("SATURDAY", "00:00", "06:00")),
                List.of(Map.of("date", "2026-12-25", "yearly", true, "name", "Christmas"), Map.of("date", "2026-03-09"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).isEqualTo(CALENDARS + "/" + id);
        JsonNode view = created.json();
        assertThat(view.get("name").asText()).isEqualTo(name);
        assertThat(view.get("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(view.get("team").asText()).isEqualTo("billing");
        assertThat(view.get("tenantDefault").asBoolean()).isFalse();
        assertThat(view.get("weeklyBusinessTime").asText()).isEqualTo("PT23H");
        assertThat(view.get("hours").toString()).isEqualTo("[{\"day\":\"MONDAY\",\"start\":\"09:00\",\"end\":\"12:00\"},"
                + "{\"day\":\"MONDAY\",\"start\":\"13:00\",\"end\":\"17:00\"},{\"day\":\"TUESDAY\",\"start\":\"09:00\",\"end\":\"17:00\"},"
                + "{\"day\":\"FRIDAY\",\"start\":\"22:00\",\"end\":\"24:00\"},{\"day\":\"SATURDAY\",\"start\":\"00:00\",\"end\":\"06:00\"}]");
        assertThat(view.get("holidays").toString()).isEqualTo("[{\"date\":\"2026-03-09\",\"yearly\":false},"
                + "{\"date\":\"2026-12-25\",\"yearly\":true,\"name\":\"Christmas\"}]");
        assertThat(admin().get(CALENDARS + "/" + id).json()).isEqualTo(view);
        assertThat(names(admin().get(CALENDARS))).contains("Standard hours", name);

        // the SLA clocks of billing tickets use it; other teams keep the tenant's default
        BusinessCalendar billing = businessCalendars.forTeam("default", "billing");
        assertThat(billing.id()).isEqualTo(id);
        assertThat(billing.hours(DayOfWeek.FRIDAY)).hasToString("[22:00–24:00]");
        assertThat(businessCalendars.forTeam("default", "technical").name()).isEqualTo("Standard hours");
        assertThat(businessCalendars.forTeam("default", null).name()).isEqualTo("Standard hours");
        assertThat(businessCalendars.forTeam("no-such-tenant", "billing")).isSameAs(BusinessCalendar.CALENDAR_TIME);

        String renamed = unique("Billing hours NY");
        Api.Response replaced = admin().send("PUT", CALENDARS + "/" + id, calendar(renamed, "America/New_York", "billing",
                List.of(interval("MONDAY", "08:00", "16:00")), null));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("name").asText()).isEqualTo(renamed);
        assertThat(replaced.json().get("hours")).hasSize(1);
        assertThat(replaced.json().get("holidays")).isEmpty();
        assertThat(admin().get(CALENDARS + "/" + id).json()).isEqualTo(replaced.json());
        assertThat(businessCalendars.forTeam("default", "billing").zone().getId()).isEqualTo("America/New_York");

        assertThat(admin().delete(CALENDARS + "/" + id).status()).isEqualTo(204);
        assertThat(admin().get(CALENDARS + "/" + id).status()).isEqualTo(404);
        assertThat(admin().delete(CALENDARS + "/" + id).status()).isEqualTo(404);
        assertThat(businessCalendars.forTeam("default", "billing").name()).isEqualTo("Standard hours");
        assertThat(count("business_calendar_interval WHERE calendar_id = " + id)).isZero();
    }

    @Test
    void theSeededDefaultIsStandardHoursMondayToFridayNineToFiveInUtc() {
        JsonNode standard = defaultCalendar();
        assertThat(standard.get("name").asText()).isEqualTo("Standard hours");
        assertThat(standard.get("timeZone").asText()).isEqualTo("UTC");
        assertThat(standard.has("team")).isFalse();
        assertThat(standard.get("weeklyBusinessTime").asText()).isEqualTo("PT40H");
        assertThat(standard.get("hours")).extracting(h -> h.get("day").asText() + " " + h.get("start").asText() + "-" + h.get("end").asText())
                .containsExactly("MONDAY 09:00-17:00", "TUESDAY 09:00-17:00", "WEDNESDAY 09:00-17:00", "THURSDAY 09:00-17:00", "FRIDAY 09:00-17:00");
    }

    @Test
    void theDefaultStaysTheDefaultAndNamesAndTeamsAreUnique() {
        long defaultId = defaultCalendar().get("id").asLong();
        Api.Response deleteDefault = admin().delete(CALENDARS + "/" + defaultId);
        assertThat(deleteDefault.status()).isEqualTo(409);
        assertThat(deleteDefault.header("Content-Type")).startsWith("application/problem+json");
        assertThat(admin().send("PUT", CALENDARS + "/" + defaultId, calendar("Standard hours", "UTC", "general", weekdays(), null)).status())
                .as("the default cannot be handed to a team").isEqualTo(409);
        assertThat(admin().post(CALENDARS, calendar(unique("Second default"), "UTC", null, weekdays(), null)).status())
                .as("a second calendar without a team").isEqualTo(409);
        assertThat(admin().post(CALENDARS, calendar("Standard hours", "UTC", "general", weekdays(), null)).status())
                .as("a name taken").isEqualTo(409);

        Api.Response general = admin().post(CALENDARS, calendar(unique("General"), "Asia/Kolkata", "general", weekdays(), null));
        assertThat(general.status()).as(general.body()).isEqualTo(201);
        long id = general.json().get("id").asLong();
        try {
            assertThat(admin().post(CALENDARS, calendar(unique("General again"), "UTC", "general", weekdays(), null)).status())
                    .as("a second calendar for a team").isEqualTo(409);
            assertThat(admin().send("PUT", CALENDARS + "/" + id, calendar(unique("General"), "UTC", null, weekdays(), null)).status())
                    .as("a team calendar cannot become a second default").isEqualTo(409);
            assertThat(admin().send("PUT", CALENDARS + "/" + 999_999_999, calendar(unique("Nobody"), "UTC", "general", weekdays(), null)).status())
                    .isEqualTo(404);
        } finally {
            assertThat(admin().delete(CALENDARS + "/" + id).status()).isEqualTo(204);
        }
        assertThat(defaultCalendar().get("id").asLong()).isEqualTo(defaultId);
    }

    @Test
    void onlyAdminsManageCalendars() {
        long defaultId = defaultCalendar().get("id").asLong();
        Map<String, Object> body = calendar(unique("Sneaky"), "UTC", "billing", weekdays(), null);
        for (Api.Response response : List.of(Api.anonymous(port).get(CALENDARS), Api.anonymous(port).post(CALENDARS, body),
                Api.anonymous(port).get(CALENDARS + "/" + defaultId + "/due?target=PT1H"))) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        Api alice = Api.as(port, "alice");
        for (Api.Response response : List.of(alice.get(CALENDARS), alice.get(CALENDARS + "/" + defaultId), alice.post(CALENDARS, body),
                alice.send("PUT", CALENDARS + "/" + defaultId, body), alice.delete(CALENDARS + "/" + defaultId),
                alice.get(CALENDARS + "/" + defaultId + "/due?target=PT1H"))) {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(names(admin().get(CALENDARS))).doesNotContain((String) body.get("name"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            invalid time zone          | {"name":"N","timeZone":"Mars/Olympus_Mons","hours":[{"day":"MONDAY","start":"09:00","end":"17:00"}]} | timeZone
            blank time zone            | {"name":"N","timeZone":" ","hours":[{"day":"MONDAY","start":"09:00","end":"17:00"}]} | timeZone
            overlapping intervals      | {"name":"N","timeZone":"UTC","hours":[{"day":"MONDAY","start":"09:00","end":"12:00"},{"day":"MONDAY","start":"11:00","end":"13:00"}]} | hours[1]
            overlapping the whole day  | {"name":"N","timeZone":"UTC","hours":[{"day":"MONDAY","start":"00:00","end":"24:00"},{"day":"MONDAY","start":"23:00","end":"24:00"}]} | hours[1]
            25:00                      | {"name":"N","timeZone":"UTC","hours":[{"day":"MONDAY","start":"09:00","end":"25:00"}]} | hours[0].end
            00:00 as an end            | {"name":"N","timeZone":"UTC","hours":[{"day":"MONDAY","start":"22:00","end":"00:00"}]} | hours[0].end
            24:00 as a start           | {"name":"N","timeZone":"UTC","hours":[{"day":"MONDAY","start":"24:00","end":"24:00"}]} | hours[0].start
            9:00 without a leading 0   | {"name":"N","timeZone":"UTC","hours":[{"day":"MONDAY","start":"9:00","end":"17:00"}]} | hours[0].start
            ends before it starts      | {"name":"N","timeZone":"UTC","hours":[{"day":"MONDAY","start":"17:00","end":"09:00"}]} | hours[0]
            empty interval             | {"name":"N","timeZone":"UTC","hours":[{"day":"MONDAY","start":"09:00","end":"09:00"}]} | hours[0]
            unknown day                | {"name":"N","timeZone":"UTC","hours":[{"day":"FUNDAY","start":"09:00","end":"17:00"}]} | hours[0].day
            lower-case day             | {"name":"N","timeZone":"UTC","hours":[{"day":"monday","start":"09:00","end":"17:00"}]} | hours[0].day
            missing day                | {"name":"N","timeZone":"UTC","hours":[{"start":"09:00","end":"17:00"}]} | hours[0].day
            no hours at all            | {"name":"N","timeZone":"UTC","hours":[]} | hours
            hours missing              | {"name":"N","timeZone":"UTC"} | hours
            script in the name         | {"name":"<script>alert(1)</script>","timeZone":"UTC","hours":[{"day":"MONDAY","start":"09:00","end":"17:00"}]} | name
            control character in name  | {"name":"Bell\\u0007","timeZone":"UTC","hours":[{"day":"MONDAY","start":"09:00","end":"17:00"}]} | name
            bidi override in name      | {"name":"abc\\u202Egpj.exe","timeZone":"UTC","hours":[{"day":"MONDAY","start":"09:00","end":"17:00"}]} | name
            blank name                 | {"name":"   ","timeZone":"UTC","hours":[{"day":"MONDAY","start":"09:00","end":"17:00"}]} | name
            hostile holiday name       | {"name":"N","timeZone":"UTC","hours":[{"day":"MONDAY","start":"09:00","end":"17:00"}],"holidays":[{"date":"2026-12-25","name":"<img src=x onerror=alert(1)>"}]} | holidays[0].name
            impossible holiday date    | {"name":"N","timeZone":"UTC","hours":[{"day":"MONDAY","start":"09:00","end":"17:00"}],"holidays":[{"date":"2026-02-30"}]} | holidays[0].date
            holiday date not ISO       | {"name":"N","timeZone":"UTC","hours":[{"day":"MONDAY","start":"09:00","end":"17:00"}],"holidays":[{"date":"25/12/2026"}]} | holidays[0].date
            holiday twice              | {"name":"N","timeZone":"UTC","hours":[{"day":"MONDAY","start":"09:00","end":"17:00"}],"holidays":[{"date":"2026-12-25"},{"date":"2026-12-25","yearly":true}]} | holidays[1].date
            yearly not a boolean       | {"name":"N","timeZone":"UTC","hours":[{"day":"MONDAY","start":"09:00","end":"17:00"}],"holidays":[{"date":"2026-12-25","yearly":"sometimes"}]} | holidays[0].yearly
            hours of the wrong type    | {"name":"N","timeZone":"UTC","hours":"9 to 5"} | hours
            name of the wrong type     | {"name":{"first":"N"},"timeZone":"UTC","hours":[{"day":"MONDAY","start":"09:00","end":"17:00"}]} | name
            start of the wrong type    | {"name":"N","timeZone":"UTC","hours":[{"day":"MONDAY","start":[9],"end":"17:00"}]} | hours[0].start
            unknown field              | {"name":"N","timeZone":"UTC","hours":[{"day":"MONDAY","start":"09:00","end":"17:00"}],"colour":"blue"} | colour
            unknown team               | {"name":"N","timeZone":"UTC","team":"no-such-team","hours":[{"day":"MONDAY","start":"09:00","end":"17:00"}]} | team
            team not an identifier     | {"name":"N","timeZone":"UTC","team":"<b>","hours":[{"day":"MONDAY","start":"09:00","end":"17:00"}]} | team
            not JSON                   | {"name":"N", | -
            a JSON array               | [] | -
            """)
    void badInputIsRefusedWithAProblemAndNothingIsStored(String why, String body, String field) {
        String json = body.replace("\"N\"", "\"" + unique("Bad") + "\"");
        assertRefused(admin().post(CALENDARS, json), field);
        long defaultId = defaultCalendar().get("id").asLong();
        assertRefused(admin().send("PUT", CALENDARS + "/" + defaultId, json), field);
        assertThat(defaultCalendar().get("name").asText()).isEqualTo("Standard hours");
    }

    @Test
    void hugeBodiesAreRefused() {
        long before = count("business_calendar");
        String longName = "x".repeat(101);
        assertRefused(admin().post(CALENDARS, calendar(longName, "UTC", null, weekdays(), null)), "name");
        List<Map<String, Object>> manyHolidays = new ArrayList<>();
        java.time.LocalDate.parse("2030-01-01").datesUntil(java.time.LocalDate.parse("2031-02-01"))
                .forEach(d -> manyHolidays.add(Map.of("date", d.toString())));
        assertThat(manyHolidays).hasSizeGreaterThan(366);
        assertRefused(admin().post(CALENDARS, calendar(unique("Holidays"), "UTC", "technical", weekdays(), manyHolidays)), "holidays");
        List<Map<String, Object>> manyHours = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            manyHours.add(interval("MONDAY", "09:00", "17:00"));
        }
        assertRefused(admin().post(CALENDARS, calendar(unique("Hours"), "UTC", "technical", manyHours, null)), "hours");

        Api.Response tooBig = admin().post(CALENDARS, "{\"name\":\"" + "y".repeat(2 * 1024 * 1024) + "\"}");
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.header("Content-Type")).startsWith("application/problem+json");
        assertThat(count("business_calendar")).isEqualTo(before);
    }

    /** The example: URGENT (first response 1 h), Friday 16:30, Mon–Fri 9–17, Monday a holiday. */
    @Test
    void fridayAfternoonWithAMondayHolidayIsDueOnTuesdayMorning() {
        Api.Response created = admin().post(CALENDARS, calendar(unique("Technical Paris"), "Europe/Paris", "technical", weekdays(),
                List.of(Map.of("date", "2026-03-09", "name", "Founders' day"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        String due = CALENDARS + "/" + id + "/due";
        try {
            JsonNode local = admin().get(due + "?start=2026-03-06T16:30&target=PT1H").json();
            assertThat(local.get("dueLocal").asText()).isEqualTo("2026-03-10T09:30:00+01:00");
            assertThat(local.get("due").asText()).isEqualTo("2026-03-10T08:30:00Z");
            assertThat(local.get("startLocal").asText()).isEqualTo("2026-03-06T16:30:00+01:00");
            assertThat(local.get("start").asText()).isEqualTo("2026-03-06T15:30:00Z");
            assertThat(local.get("target").asText()).isEqualTo("PT1H");
            assertThat(local.get("timeZone").asText()).isEqualTo("Europe/Paris");
            assertThat(admin().get(due + "?start=2026-03-06T15:30:00Z&target=PT1H").json().get("due").asText()).isEqualTo("2026-03-10T08:30:00Z");
            assertThat(admin().get(due + "?start=2026-03-06T16:30:00%2B01:00&target=PT60M").json().get("due").asText()).isEqualTo("2026-03-10T08:30:00Z");

            // on hold from Friday 16:45 to Tuesday 10:45: two business hours; 45 min were left, so due at 11:30, two hours later
            BusinessCalendar calendar = businessCalendars.forTeam("default", "technical");
            Instant start = Instant.parse("2026-03-06T15:30:00Z");
            Instant pausedAt = Instant.parse("2026-03-06T15:45:00Z");
            Instant resumedAt = Instant.parse("2026-03-10T09:45:00Z");
            assertThat(calendar.businessTimeBetween(pausedAt, resumedAt)).isEqualTo(Duration.ofHours(2));
            Duration remaining = Duration.ofHours(1).minus(calendar.businessTimeBetween(start, pausedAt));
            JsonNode resumed = admin().get(due + "?start=" + resumedAt + "&target=" + remaining).json();
            assertThat(resumed.get("dueLocal").asText()).isEqualTo("2026-03-10T11:30:00+01:00");
            assertThat(calendar.businessTimeBetween(Instant.parse(local.get("due").asText()), Instant.parse(resumed.get("due").asText())))
                    .isEqualTo(Duration.ofHours(2));

            // the seeded default (UTC, no holiday) would have said Monday 09:30 UTC
            long defaultId = defaultCalendar().get("id").asLong();
            assertThat(admin().get(CALENDARS + "/" + defaultId + "/due?start=2026-03-06T16:30&target=PT1H").json().get("due").asText())
                    .isEqualTo("2026-03-09T09:30:00Z");

            assertRefused(admin().get(due + "?start=2026-03-06T16:30&target=1h"), "target");
            assertRefused(admin().get(due + "?start=2026-03-06T16:30&target=-PT1H"), "target");
            assertRefused(admin().get(due + "?start=2026-03-06T16:30&target=P400D"), "target");
            assertRefused(admin().get(due + "?start=Friday&target=PT1H"), "start");
            assertRefused(admin().get(due + "?start=2026-03-06T16:30"), null);
            assertRefused(admin().get(CALENDARS + "/abc/due?target=PT1H"), "id");
            assertThat(admin().get(CALENDARS + "/999999999/due?target=PT1H").status()).isEqualTo(404);
            assertThat(admin().get(due + "?target=PT0S").status()).as("start defaults to now").isEqualTo(200);
        } finally {
            admin().delete(CALENDARS + "/" + id);
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    void assertRefused(Api.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("<script>", "<img", "Exception");
        if (field != null && !field.equals("-")) {
            assertThat(problem.get("errors")).as(response.body()).extracting(e -> e.get("field").asText()).contains(field);
        }
        assertThat(count("business_calendar WHERE name LIKE 'Bad %' OR name LIKE '%script%'")).isZero();
    }

    JsonNode defaultCalendar() {
        Api.Response list = admin().get(CALENDARS);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode first = list.json().get(0);
        assertThat(first.get("tenantDefault").asBoolean()).isTrue();
        return first;
    }

    long count(String fromWhere) {
        return jdbc.sql("SELECT count(*) FROM " + fromWhere).query(Long.class).single();
    }

    static List<String> names(Api.Response list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        list.json().forEach(c -> names.add(c.get("name").asText()));
        return names;
    }

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> calendar(String name, String zone, String team, List<Map<String, Object>> hours,
            List<Map<String, Object>> holidays) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("timeZone", zone);
        body.put("hours", hours);
        if (team != null) {
            body.put("team", team);
        }
        if (holidays != null) {
            body.put("holidays", holidays);
        }
        return body;
    }

    static Map<String, Object> interval(String day, String start, String end) {
        return Map.of("day", day, "start", start, "end", end);
    }

    static List<Map<String, Object>> weekdays() {
        return List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY").stream()
                .map(day -> interval(day, "09:00", "17:00")).toList();
    }
}
