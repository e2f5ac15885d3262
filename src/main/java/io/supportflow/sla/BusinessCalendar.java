package io.supportflow.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a team works, and the arithmetic of business time: an immutable value, free of Spring, safe
 * to share between threads.
 *
 * <h2>Model</h2>
 * <ul>
 * <li>A time zone, and for each day of the week a sorted list of non-overlapping {@link Interval}s
 * {@code [start, end)} in local time. {@code end = 00:00} means <b>24:00</b>, the end of the day
 * ({@link Interval#END_OF_DAY}); so {@code 00:00–00:00} is the whole day. An overnight shift such as
 * 22:00–06:00 is two intervals on two days: {@code 22:00–24:00} and {@code 00:00–06:00} of the next.</li>
 * <li>{@link Holiday}s close every interval of their local date: a dated holiday once, a yearly one
 * on its month and day in every year (a yearly 29 February only in leap years). The part of an
 * overnight shift after midnight belongs to the next date and follows that date's holidays.</li>
 * <li>A calendar must be open at least once a week, and its yearly holidays may not cover the whole
 * year; otherwise a due date would never arrive.</li>
 * </ul>
 *
 * <h2>Daylight saving time</h2>
 * An interval of a date is the real span of time from the instant its start is reached on that
 * date to the instant its end is reached; its business time is the real time elapsed in between.
 * A 09:00–17:00 day is therefore 8 hours on any date when the clocks change at night, and an interval
 * that the change falls inside is an hour shorter or longer (00:00–06:00 is 5 h on the night clocks
 * go forward and 7 h on the night they go back). A local time that does not exist (in the gap) is
 * reached at the moment of the change, the end of the gap; a local time that happens twice (in the
 * overlap) is reached the first time.
 *
 * <h2>Due dates</h2>
 * {@link #addBusinessTime(Instant, Duration)} follows what helpdesks (Zendesk, Freshdesk) do: the
 * clock starts at the first business moment at or after the start (the start itself when open,
 * else the next opening), and the due date is the <em>earliest</em> instant at which the target's
 * business time has elapsed. A target that is used up exactly at closing time is due at closing
 * time (Friday 16:00 + 1 h = Friday 17:00, not Monday 09:00); a zero target is due at the first
 * business moment. {@link #businessTimeBetween(Instant, Instant)} is its inverse:
 * {@code businessTimeBetween(s, addBusinessTime(s, t)) == t} for every start and target. A paused
 * SLA keeps its remaining business time, {@code target - businessTimeBetween(start, pausedAt)}, and
 * its due date after resuming is {@code addBusinessTime(resumedAt, remaining)}.
 *
 * <p>The computations step from interval to interval and day to day, and jump whole weeks at a
 * time while a week holds no holiday and no change of UTC offset; they never step minute by minute.
 */
public final class BusinessCalendar {

    /**
     * Calendar time: open around the clock every day, no holidays. For policies that count plain
     * elapsed time; business time then equals real elapsed time.
     */
    public static final BusinessCalendar CALENDAR_TIME = alwaysOpen("Calendar time (24/7)", ZoneOffset.UTC);

    /** The furthest a computation looks ahead for an open interval before it gives up. */
    private static final int SEARCH_LIMIT_YEARS = 400;

    /**
     * Opening hours {@code [start, end)} of one day in local time. An end of 00:00 stands for 24:00,
     * the end of the day; any other end must come after the start.
     */
    public record Interval(LocalTime start, LocalTime end) {

        /** The end of the day, 24:00, written as 00:00 (the only way an end may precede its start). */
        public static final LocalTime END_OF_DAY = LocalTime.MIDNIGHT;

        public Interval {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!end.equals(END_OF_DAY) && !start.isBefore(end)) {
                throw new IllegalArgumentException("an interval must start before it ends: " + format(start) + "–" + format(end));
            }
        }

        /** Parses {@code HH:mm} (or {@code HH:mm:ss}) times; the end may be {@code 24:00}. */
        public static Interval parse(String start, String end) {
            return new Interval(parseTime(start, false), parseTime(end, true));
        }

        public boolean endsAtEndOfDay() {
            return end.equals(END_OF_DAY);
        }

        /** Its length in local time (the business time it gives on a day without a clock change). */
        public Duration length() {
            return endsAtEndOfDay() ? Duration.ofDays(1).minus(Duration.ofNanos(start.toNanoOfDay()))
                    : Duration.between(start, end);
        }

        boolean overlaps(Interval other) {
            return start.isBefore(other.endOrMax()) && other.start.isBefore(endOrMax());
        }

        private LocalTime endOrMax() {
            return endsAtEndOfDay() ? LocalTime.MAX : end;
        }

        /** {@code 09:00–17:00}, with 24:00 for the end of the day. */
        @Override
        public String toString() {
            return format(start) + "–" + (endsAtEndOfDay() ? "24:00" : format(end));
        }

        /** The end as text: {@code HH:mm}, {@code 24:00} for the end of the day. */
        public String endText() {
            return endsAtEndOfDay() ? "24:00" : format(end);
        }

        public String startText() {
            return format(start);
        }

        private static String format(LocalTime time) {
            return time.getSecond() == 0 && time.getNano() == 0 ? String.format("%02d:%02d", time.getHour(), time.getMinute())
                    : time.toString();
        }

        private static LocalTime parseTime(String text, boolean end) {
            Objects.requireNonNull(text, "time");
            if (end && (text.equals("24:00") || text.equals("24:00:00"))) {
                return END_OF_DAY;
            }
            try {
                return LocalTime.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a time of day (HH:mm" + (end ? ", or 24:00" : "") + "): " + text);
            }
        }
    }

    /** A day off: on {@code date}, or every year on its month and day when {@code yearly}. */
    public record Holiday(LocalDate date, boolean yearly, String name) {

        public Holiday {
            Objects.requireNonNull(date, "date");
        }

        public static Holiday on(LocalDate date) {
            return new Holiday(date, false, null);
        }

        public static Holiday yearly(MonthDay day) {
            return new Holiday(day.atYear(2000), true, null);
        }

        public boolean fallsOn(LocalDate day) {
            return yearly ? MonthDay.from(date).equals(MonthDay.from(day)) : date.equals(day);
        }
    }

    /** The real span of one interval on one date. */
    private record Span(Instant start, Instant end) {
    }

    private final Long id;
    private final String name;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final Map<DayOfWeek, List<Interval>> week;
    private final List<Holiday> holidays;
    private final Set<LocalDate> datedHolidays;
    private final Set<MonthDay> yearlyHolidays;
    private final Duration weeklyTotal;
    private final boolean alwaysOpen;

    /**
     * @param id       the stored calendar's id; null for calendars that are not stored ({@link #CALENDAR_TIME})
     * @param week     opening intervals per day; days that are missing are closed
     * @param holidays dated and yearly holidays
     * @throws IllegalArgumentException when intervals of a day overlap, the week has no open
     *                                  interval, or the yearly holidays cover the whole year
     */
    public BusinessCalendar(Long id, String name, ZoneId zone, Map<DayOfWeek, ? extends Collection<Interval>> week,
            Collection<Holiday> holidays) {
        this.id = id;
        this.name = Objects.requireNonNull(name, "name");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.rules = zone.getRules();
        Objects.requireNonNull(week, "week");
        EnumMap<DayOfWeek, List<Interval>> days = new EnumMap<>(DayOfWeek.class);
        Duration total = Duration.ZERO;
        boolean allDay = true;
        for (DayOfWeek day : DayOfWeek.values()) {
            Collection<Interval> given = week.get(day);
            List<Interval> intervals = given == null ? new ArrayList<>() : new ArrayList<>(given);
            intervals.sort(Comparator.comparing(Interval::start));
            for (int i = 1; i < intervals.size(); i++) {
                if (intervals.get(i - 1).overlaps(intervals.get(i))) {
                    throw new IllegalArgumentException("intervals overlap on " + day + ": " + intervals.get(i - 1)
                            + " and " + intervals.get(i));
                }
            }
            for (Interval interval : intervals) {
                total = total.plus(interval.length());
            }
            allDay &= intervals.stream().map(Interval::length).reduce(Duration.ZERO, Duration::plus).equals(Duration.ofDays(1));
            days.put(day, List.copyOf(intervals));
        }
        if (total.isZero()) {
            throw new IllegalArgumentException("a calendar must be open at least once a week");
        }
        this.week = java.util.Collections.unmodifiableMap(days);
        this.weeklyTotal = total;
        this.holidays = List.copyOf(Objects.requireNonNull(holidays, "holidays"));
        this.datedHolidays = this.holidays.stream().filter(h -> !h.yearly()).map(Holiday::date).collect(Collectors.toUnmodifiableSet());
        this.yearlyHolidays = this.holidays.stream().filter(Holiday::yearly).map(h -> MonthDay.from(h.date()))
                .collect(Collectors.toUnmodifiableSet());
        long yearlyCommonDays = yearlyHolidays.stream().filter(d -> !d.equals(MonthDay.of(2, 29))).count();
        if (yearlyCommonDays >= 365) {
            throw new IllegalArgumentException("yearly holidays may not cover the whole year");
        }
        this.alwaysOpen = allDay && this.holidays.isEmpty();
    }

    /** A calendar open around the clock every day, without holidays: business time is elapsed time. */
    public static BusinessCalendar alwaysOpen(String name, ZoneId zone) {
        Map<DayOfWeek, List<Interval>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(new Interval(LocalTime.MIDNIGHT, Interval.END_OF_DAY)));
        }
        return new BusinessCalendar(null, name, zone, week, List.of());
    }

    public static Builder builder(String name, ZoneId zone) {
        return new Builder(name, zone);
    }

    // --- the arithmetic ----------------------------------------------------------------------

    /**
     * The due date of a target: the earliest instant at which {@code businessTime} of open time has
     * elapsed, counting from the first business moment at or after {@code start}. A zero target is
     * due at that first business moment.
     */
    public Instant addBusinessTime(Instant start, Duration businessTime) {
        Objects.requireNonNull(start, "start");
        requireNotNegative(businessTime);
        if (alwaysOpen) {
            return start.plus(businessTime);
        }
        if (businessTime.isZero()) {
            return nextOpening(start);
        }
        Duration remaining = businessTime;
        LocalDate date = localDate(start).minusDays(1);
        LocalDate giveUp = date.plusYears(SEARCH_LIMIT_YEARS);
        while (true) {
            for (Span span : spansOf(date)) {
                if (!span.end().isAfter(start)) {
                    continue;
                }
                Instant from = later(span.start(), start);
                Duration available = Duration.between(from, span.end());
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
                giveUp = span.end().atZone(zone).toLocalDate().plusYears(SEARCH_LIMIT_YEARS);
            }
            date = date.plusDays(1);
            // a whole week ahead of the start that more than covers the rest: jump it
            while (remaining.compareTo(weeklyTotal) > 0 && !startOfDay(date).isBefore(start) && isRegularWeek(date)) {
                remaining = remaining.minus(weeklyTotal);
                date = date.plusDays(7);
                giveUp = date.plusYears(SEARCH_LIMIT_YEARS);
            }
            if (date.isAfter(giveUp)) {
                throw new IllegalStateException("calendar '" + name + "' does not open within " + SEARCH_LIMIT_YEARS + " years");
            }
        }
    }

    /** The open time between two instants; zero when {@code to} is not after {@code from}. */
    public Duration businessTimeBetween(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (alwaysOpen) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        LocalDate date = localDate(from).minusDays(1);
        while (startOfDay(date).isBefore(to)) {
            for (Span span : spansOf(date)) {
                if (!span.start().isBefore(to)) {
                    return total;
                }
                Instant a = later(span.start(), from);
                Instant b = span.end().isBefore(to) ? span.end() : to;
                if (b.isAfter(a)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
            date = date.plusDays(1);
            // a whole week inside [from, to): count it at once
            while (!startOfDay(date).isBefore(from) && !startOfDay(date.plusDays(7)).isAfter(to) && isRegularWeek(date)) {
                total = total.plus(weeklyTotal);
                date = date.plusDays(7);
            }
        }
        return total;
    }

    /** Whether the calendar is open at this instant (intervals include their start, not their end). */
    public boolean isOpen(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        if (alwaysOpen) {
            return true;
        }
        LocalDate day = localDate(instant);
        for (LocalDate date = day.minusDays(1); !date.isAfter(day.plusDays(1)); date = date.plusDays(1)) {
            for (Span span : spansOf(date)) {
                if (!instant.isBefore(span.start()) && instant.isBefore(span.end())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first instant at or after {@code instant} at which the calendar is open: itself when open. */
    public Instant nextOpening(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        if (alwaysOpen) {
            return instant;
        }
        LocalDate date = localDate(instant).minusDays(1);
        LocalDate giveUp = date.plusYears(SEARCH_LIMIT_YEARS);
        for (; !date.isAfter(giveUp); date = date.plusDays(1)) {
            for (Span span : spansOf(date)) {
                if (span.end().isAfter(instant)) {
                    return later(span.start(), instant);
                }
            }
        }
        throw new IllegalStateException("calendar '" + name + "' does not open within " + SEARCH_LIMIT_YEARS + " years");
    }

    /** Whether a local date is a holiday of this calendar. */
    public boolean isHoliday(LocalDate date) {
        return datedHolidays.contains(date) || yearlyHolidays.contains(MonthDay.from(date));
    }

    // --- accessors ---------------------------------------------------------------------------

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Opening intervals of a day, sorted by start; empty when closed. */
    public List<Interval> hours(DayOfWeek day) {
        return week.get(day);
    }

    public Map<DayOfWeek, List<Interval>> week() {
        return week;
    }

    public List<Holiday> holidays() {
        return holidays;
    }

    /** Open time in an ordinary week (no holidays, no clock change). */
    public Duration weeklyBusinessTime() {
        return weeklyTotal;
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + (id == null ? "" : id + ", ") + name + ", " + zone + ", " + week + ", "
                + holidays.size() + " holidays]";
    }

    // --- internals ---------------------------------------------------------------------------

    private List<Span> spansOf(LocalDate date) {
        List<Interval> intervals = week.get(date.getDayOfWeek());
        if (intervals.isEmpty() || isHoliday(date)) {
            return List.of();
        }
        List<Span> spans = new ArrayList<>(intervals.size());
        for (Interval interval : intervals) {
            Instant start = instantOf(date, interval.start());
            Instant end = interval.endsAtEndOfDay() ? startOfDay(date.plusDays(1)) : instantOf(date, interval.end());
            if (end.isAfter(start)) {
                spans.add(new Span(start, end));
            }
        }
        return spans;
    }

    /**
     * The instant a local time is reached on a date: the first time when it happens twice, the end
     * of the gap when it does not happen at all. Never decreases as the local time increases, so the
     * spans of a calendar are ordered and never overlap.
     */
    private Instant instantOf(LocalDate date, LocalTime time) {
        LocalDateTime local = date.atTime(time);
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (!offsets.isEmpty()) {
            return local.toInstant(offsets.get(0));
        }
        return rules.getTransition(local).getInstant();
    }

    private Instant startOfDay(LocalDate date) {
        return instantOf(date, LocalTime.MIDNIGHT);
    }

    private LocalDate localDate(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    /** Seven days from {@code date} without holidays or offset changes: worth exactly {@link #weeklyTotal}. */
    private boolean isRegularWeek(LocalDate date) {
        for (int i = 0; i < 7; i++) {
            if (isHoliday(date.plusDays(i))) {
                return false;
            }
        }
        if (rules.isFixedOffset()) {
            return true;
        }
        ZoneOffsetTransition next = rules.nextTransition(startOfDay(date.minusDays(1)));
        return next == null || next.getInstant().isAfter(startOfDay(date.plusDays(8)));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static void requireNotNegative(Duration duration) {
        Objects.requireNonNull(duration, "businessTime");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("business time must not be negative: " + duration);
        }
    }

    /** Reads like the schedule it builds: {@code builder("Office", zone).open(MONDAY, FRIDAY, "09:00", "17:00").build()}. */
    public static final class Builder {
        private final String name;
        private final ZoneId zone;
        private Long id;
        private final Map<DayOfWeek, List<Interval>> week = new EnumMap<>(DayOfWeek.class);
        private final List<Holiday> holidays = new ArrayList<>();

        private Builder(String name, ZoneId zone) {
            this.name = name;
            this.zone = zone;
        }

        public Builder id(Long id) {
            this.id = id;
            return this;
        }

        /** Opens every day from {@code first} to {@code last} (wrapping past Sunday) from start to end. */
        public Builder open(DayOfWeek first, DayOfWeek last, String start, String end) {
            Interval interval = Interval.parse(start, end);
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                week.computeIfAbsent(day, d -> new ArrayList<>()).add(interval);
                if (day == last) {
                    return this;
                }
            }
        }

        public Builder open(DayOfWeek day, String start, String end) {
            return open(day, day, start, end);
        }

        public Builder holiday(LocalDate date) {
            holidays.add(Holiday.on(date));
            return this;
        }

        public Builder yearlyHoliday(MonthDay day) {
            holidays.add(Holiday.yearly(day));
            return this;
        }

        public BusinessCalendar build() {
            return new BusinessCalendar(id, name, zone, week, holidays);
        }
    }
}
