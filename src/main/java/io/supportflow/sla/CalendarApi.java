package io.supportflow.sla;

import io.supportflow.common.InvalidInputException;
import io.supportflow.sla.BusinessCalendar.Holiday;
import io.supportflow.sla.BusinessCalendar.Interval;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Request and response bodies of the admin calendar API, and their translation to the model. */
final class CalendarApi {

    /** No control or invisible formatting characters (bidi overrides …), no angle brackets. */
    static final String NAME_PATTERN = "^[^\\p{Cc}\\p{Cf}<>]*$";
    static final String NAME_MESSAGE = "must not contain control characters or angle brackets";
    static final String TEAM_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$";
    static final String START_PATTERN = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
    static final String END_PATTERN = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$";
    static final int MAX_HOLIDAYS = 366;

    @Schema(description = "A business calendar. Without a team it is the tenant's default; with one, that team's override.")
    record CalendarBody(
            @NotBlank @Size(max = 100) @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String name,
            @Schema(description = "IANA time zone id, e.g. Europe/Paris, America/New_York or UTC", example = "Europe/Paris")
            @NotBlank @Size(max = 64) String timeZone,
            @Schema(description = "a team (Camunda group id) this calendar overrides the default for; omit for the default")
            @Pattern(regexp = TEAM_PATTERN, message = "must be a team id") String team,
            @Schema(description = "opening intervals; several a day allowed, never overlapping; an overnight shift is two intervals")
            @NotNull @Size(min = 1, max = 7 * 24) List<@NotNull @Valid IntervalBody> hours,
            @Size(max = MAX_HOLIDAYS) List<@NotNull @Valid HolidayBody> holidays) {
    }

    record IntervalBody(
            @Schema(description = "MONDAY … SUNDAY") @NotNull DayOfWeek day,
            @Schema(description = "HH:mm, local time", example = "09:00")
            @NotNull @Pattern(regexp = START_PATTERN, message = "must be a time of day HH:mm (00:00 to 23:59)") String start,
            @Schema(description = "HH:mm, local time, after start; 24:00 for the end of the day", example = "17:00")
            @NotNull @Pattern(regexp = END_PATTERN, message = "must be a time of day HH:mm, or 24:00 for the end of the day") String end) {
    }

    record HolidayBody(
            @Schema(description = "ISO date, e.g. 2026-12-25") @NotNull LocalDate date,
            @Schema(description = "true: every year on this month and day") Boolean yearly,
            @Size(max = 100) @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String name) {
    }

    record IntervalView(DayOfWeek day, String start, String end) {
    }

    record HolidayView(LocalDate date, boolean yearly, String name) {
    }

    record CalendarView(long id, String name, String timeZone, String team, boolean tenantDefault,
                        @Schema(description = "open time of an ordinary week, ISO-8601 duration") String weeklyBusinessTime,
                        List<IntervalView> hours, List<HolidayView> holidays) {

        static CalendarView of(StoredCalendar stored) {
            BusinessCalendar c = stored.calendar();
            List<IntervalView> hours = new ArrayList<>();
            c.week().forEach((day, intervals) -> intervals.forEach(i -> hours.add(new IntervalView(day, i.startText(), i.endText()))));
            List<HolidayView> holidays = c.holidays().stream().sorted(Comparator.comparing(Holiday::date))
                    .map(h -> new HolidayView(h.date(), h.yearly(), h.name())).toList();
            return new CalendarView(stored.id(), c.name(), c.zone().getId(), stored.team(), stored.isTenantDefault(),
                    c.weeklyBusinessTime().toString(), hours, holidays);
        }
    }

    record DueView(long calendarId, String timeZone, String target, Instant start, String startLocal, Instant due,
                   String dueLocal) {

        static DueView of(long calendarId, ZoneId zone, String target, Instant start, Instant due) {
            return new DueView(calendarId, zone.getId(), target, start, local(start, zone), due, local(due, zone));
        }

        private static String local(Instant instant, ZoneId zone) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
        }
    }

    /** The model of a valid body; every rule broken is a 400 naming the field. */
    static BusinessCalendar toCalendar(CalendarBody body) {
        ZoneId zone = zone(body.timeZone());
        Map<DayOfWeek, List<Interval>> week = new EnumMap<>(DayOfWeek.class);
        Map<DayOfWeek, List<Integer>> indexes = new EnumMap<>(DayOfWeek.class);
        for (int i = 0; i < body.hours().size(); i++) {
            IntervalBody given = body.hours().get(i);
            if (given.end().equals("00:00")) {
                // the model reads an end of 00:00 as midnight at the end of the day; the API says so explicitly
                throw new InvalidInputException("hours[" + i + "].end", "use 24:00 for the end of the day");
            }
            Interval interval;
            try {
                interval = Interval.parse(given.start(), given.end());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("hours[" + i + "]", "must start before it ends (24:00 for the end of the day)");
            }
            List<Interval> day = week.computeIfAbsent(given.day(), d -> new ArrayList<>());
            for (int j = 0; j < day.size(); j++) {
                if (day.get(j).overlaps(interval)) {
                    throw new InvalidInputException("hours[" + i + "]", "overlaps hours[" + indexes.get(given.day()).get(j)
                            + "] (" + day.get(j) + " on " + given.day() + ")");
                }
            }
            day.add(interval);
            indexes.computeIfAbsent(given.day(), d -> new ArrayList<>()).add(i);
        }
        List<HolidayBody> givenHolidays = body.holidays() == null ? List.of() : body.holidays();
        List<Holiday> holidays = new ArrayList<>();
        Set<LocalDate> dates = new HashSet<>();
        for (int i = 0; i < givenHolidays.size(); i++) {
            HolidayBody given = givenHolidays.get(i);
            if (given.date().getYear() < 1900 || given.date().getYear() > 9999) {
                throw new InvalidInputException("holidays[" + i + "].date", "must be a date between the years 1900 and 9999");
            }
            if (!dates.add(given.date())) {
                throw new InvalidInputException("holidays[" + i + "].date", "appears more than once");
            }
            holidays.add(new Holiday(given.date(), Boolean.TRUE.equals(given.yearly()), blankToNull(given.name())));
        }
        try {
            return new BusinessCalendar(null, body.name().strip(), zone, week, holidays);
        } catch (IllegalArgumentException e) {
            // what is left: a calendar that never opens (yearly holidays covering the whole year)
            throw new InvalidInputException("holidays", e.getMessage());
        }
    }

    static ZoneId zone(String timeZone) {
        try {
            return ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException("timeZone", "must be a time zone id such as Europe/Paris, America/New_York or UTC");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private CalendarApi() {
    }
}
