package io.supportflow.sla;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import io.supportflow.sla.BusinessCalendar.Interval;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Business-time arithmetic. 2026 dates: Monday 2 March; Friday 6, Monday 9, Tuesday 10 March;
 * Europe/Paris moves its clocks forward on Sunday 29 March and back on Sunday 25 October.
 */
class BusinessCalendarTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    static BusinessCalendar office(ZoneId zone) {
        return BusinessCalendar.builder("Office", zone).open(MONDAY, FRIDAY, "09:00", "17:00").build();
    }

    /** {@code 2026-03-06T16:30} in the zone, or an instant with an explicit offset. */
    static Instant at(ZoneId zone, String dateTime) {
        return dateTime.matches(".*([+-]\\d\\d:\\d\\d|Z)$") ? OffsetDateTime.parse(dateTime).toInstant()
                : LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }

    static String local(BusinessCalendar calendar, Instant instant) {
        return instant.atZone(calendar.zone()).toOffsetDateTime().toString();
    }

    static void assertDue(BusinessCalendar calendar, String start, String target, String expectedDue) {
        Instant from = at(calendar.zone(), start);
        Duration businessTime = Duration.parse(target);
        Instant due = calendar.addBusinessTime(from, businessTime);
        assertThat(local(calendar, due)).as("%s + %s", start, target).isEqualTo(local(calendar, at(calendar.zone(), expectedDue)));
        assertThat(calendar.businessTimeBetween(from, due)).as("inverse").isEqualTo(businessTime);
    }

    @Nested
    class OrdinaryOfficeHours {

        final BusinessCalendar office = office(UTC);

        @ParameterizedTest(name = "{0} + {1} = {2}  ({3})")
        @CsvSource({
                "2026-03-02T07:00, PT1H,   2026-03-02T10:00, created before opening",
                "2026-03-02T18:00, PT1H,   2026-03-03T10:00, created after closing",
                "2026-03-02T17:00, PT1H,   2026-03-03T10:00, created at closing time (closed)",
                "2026-03-07T12:00, PT1H,   2026-03-09T10:00, created on a Saturday",
                "2026-03-08T23:59, PT30M,  2026-03-09T09:30, created late on a Sunday",
                "2026-03-02T09:00, PT8H,   2026-03-02T17:00, a whole day ends at closing time",
                "2026-03-02T16:00, PT1H,   2026-03-02T17:00, used up at closing: due at closing not next morning",
                "2026-03-02T16:00, PT4H,   2026-03-03T12:00, overnight",
                "2026-03-06T15:00, PT4H,   2026-03-09T11:00, over the weekend",
                "2026-03-06T16:30, PT1H,   2026-03-09T09:30, Friday afternoon",
                "2026-03-02T10:00, PT0S,   2026-03-02T10:00, zero target inside hours: the start",
                "2026-03-07T10:00, PT0S,   2026-03-09T09:00, zero target outside hours: the next opening",
                "2026-03-02T10:00, PT40H,  2026-03-09T10:00, exactly one business week",
                "2026-03-02T09:00, PT168H, 2026-03-30T17:00, 168 business hours = 21 business days",
                "2026-03-04T12:00, PT168H, 2026-04-02T12:00, 168 business hours from mid-week",
                "2026-03-02T16:59:59.5, PT1S, 2026-03-03T09:00:00.5, sub-second precision",
        })
        void dueDates(String start, String target, String due, String why) {
            assertDue(office, start, target, due);
        }

        @Test
        void businessTimeBetweenCountsOnlyOpenTime() {
            assertThat(office.businessTimeBetween(at(UTC, "2026-03-02T09:00"), at(UTC, "2026-03-02T17:00"))).isEqualTo(Duration.ofHours(8));
            assertThat(office.businessTimeBetween(at(UTC, "2026-03-06T16:00"), at(UTC, "2026-03-09T10:00"))).isEqualTo(Duration.ofHours(2));
            assertThat(office.businessTimeBetween(at(UTC, "2026-03-07T00:00"), at(UTC, "2026-03-09T00:00"))).isZero();
            assertThat(office.businessTimeBetween(at(UTC, "2026-03-02T00:00"), at(UTC, "2026-03-09T00:00"))).isEqualTo(Duration.ofHours(40));
            assertThat(office.businessTimeBetween(at(UTC, "2026-03-03T12:00"), at(UTC, "2026-03-02T12:00"))).as("backwards").isZero();
            assertThat(office.businessTimeBetween(at(UTC, "2026-03-03T12:00"), at(UTC, "2026-03-03T12:00"))).isZero();
            // 2026 starts on a Thursday: 52 weeks and a Thursday = 261 working days
            assertThat(office.businessTimeBetween(at(UTC, "2026-01-01T00:00"), at(UTC, "2027-01-01T00:00")))
                    .isEqualTo(Duration.ofHours(261 * 8));
        }

        @Test
        void openAndNextOpening() {
            assertThat(office.isOpen(at(UTC, "2026-03-02T09:00"))).as("opening time is open").isTrue();
            assertThat(office.isOpen(at(UTC, "2026-03-02T16:59:59.999999999"))).isTrue();
            assertThat(office.isOpen(at(UTC, "2026-03-02T17:00"))).as("closing time is closed").isFalse();
            assertThat(office.isOpen(at(UTC, "2026-03-02T08:59"))).isFalse();
            assertThat(office.isOpen(at(UTC, "2026-03-07T12:00"))).isFalse();

            assertThat(office.nextOpening(at(UTC, "2026-03-02T10:00"))).as("open: itself").isEqualTo(at(UTC, "2026-03-02T10:00"));
            assertThat(office.nextOpening(at(UTC, "2026-03-02T17:00"))).isEqualTo(at(UTC, "2026-03-03T09:00"));
            assertThat(office.nextOpening(at(UTC, "2026-03-06T17:00"))).isEqualTo(at(UTC, "2026-03-09T09:00"));
            assertThat(office.weeklyBusinessTime()).isEqualTo(Duration.ofHours(40));
        }
    }

    @Nested
    class Holidays {

        @Test
        void aHolidayOnTheMondayAfterAFridayStart() {
            BusinessCalendar calendar = BusinessCalendar.builder("Office", PARIS).open(MONDAY, FRIDAY, "09:00", "17:00")
                    .holiday(LocalDate.parse("2026-03-09")).build();
            assertDue(calendar, "2026-03-06T16:30", "PT1H", "2026-03-10T09:30");
            assertThat(calendar.isOpen(at(PARIS, "2026-03-09T10:00"))).isFalse();
            assertThat(calendar.nextOpening(at(PARIS, "2026-03-06T17:00"))).isEqualTo(at(PARIS, "2026-03-10T09:00"));
            assertThat(calendar.businessTimeBetween(at(PARIS, "2026-03-06T00:00"), at(PARIS, "2026-03-11T00:00")))
                    .isEqualTo(Duration.ofHours(16));
        }

        @Test
        void aDatedHolidayMidWeekAndInsideALongTarget() {
            BusinessCalendar calendar = BusinessCalendar.builder("Office", UTC).open(MONDAY, FRIDAY, "09:00", "17:00")
                    .holiday(LocalDate.parse("2026-03-03")).holiday(LocalDate.parse("2026-03-18")).build();
            assertDue(calendar, "2026-03-02T16:00", "PT2H", "2026-03-04T10:00");
            // 168 h from Monday 9 March: one holiday on the way adds a day
            assertDue(calendar, "2026-03-09T09:00", "PT168H", "2026-04-07T17:00");
        }

        @Test
        void yearlyHolidaysComeBackEveryYear() {
            BusinessCalendar calendar = BusinessCalendar.builder("Office", UTC).open(MONDAY, FRIDAY, "09:00", "17:00")
                    .yearlyHoliday(MonthDay.of(5, 1)).build();
            assertDue(calendar, "2026-04-30T16:00", "PT2H", "2026-05-04T10:00"); // 1 May 2026 is a Friday
            assertDue(calendar, "2028-04-28T16:00", "PT2H", "2028-05-02T10:00"); // 1 May 2028 is a Monday
            assertThat(calendar.isHoliday(LocalDate.parse("2031-05-01"))).isTrue();
        }

        @Test
        void aYearly29FebruaryOnlyFallsInLeapYears() {
            BusinessCalendar calendar = BusinessCalendar.builder("Office", UTC).open(MONDAY, FRIDAY, "09:00", "17:00")
                    .yearlyHoliday(MonthDay.of(2, 29)).build();
            assertDue(calendar, "2028-02-28T16:00", "PT2H", "2028-03-01T10:00");
            assertDue(calendar, "2027-02-26T16:00", "PT2H", "2027-03-01T10:00");
        }

        @Test
        void longTargetsAcrossChristmasAndNewYear() {
            BusinessCalendar calendar = BusinessCalendar.builder("Office", UTC).open(MONDAY, FRIDAY, "09:00", "17:00")
                    .yearlyHoliday(MonthDay.of(12, 25)).yearlyHoliday(MonthDay.of(1, 1)).build();
            // 21 business days from Monday 7 December 2026, without Friday 25 Dec and Friday 1 Jan
            assertDue(calendar, "2026-12-07T09:00", "PT168H", "2027-01-06T17:00");
        }

        @Test
        void theNightAfterMidnightBelongsToTheNextDateAndItsHolidays() {
            BusinessCalendar nights = BusinessCalendar.builder("Night shift", UTC)
                    .open(MONDAY, SUNDAY, "22:00", "24:00").open(MONDAY, SUNDAY, "00:00", "06:00")
                    .holiday(LocalDate.parse("2026-03-07")).build();
            // Friday 23:00-24:00, then all of Saturday 7 March is off, then Sunday from 00:00
            assertDue(nights, "2026-03-06T23:00", "PT2H", "2026-03-08T01:00");
        }
    }

    @Nested
    class OvernightShifts {

        final BusinessCalendar nights = BusinessCalendar.builder("Night shift", UTC)
                .open(MONDAY, FRIDAY, "22:00", "24:00").open(DayOfWeek.TUESDAY, SATURDAY, "00:00", "06:00").build();

        @Test
        void aShiftOverMidnightIsOneContinuousStretch() {
            assertDue(nights, "2026-03-02T23:00", "PT3H", "2026-03-03T02:00");
            assertDue(nights, "2026-03-02T12:00", "PT8H", "2026-03-03T06:00");
            assertDue(nights, "2026-03-03T05:00", "PT2H", "2026-03-03T23:00");
            assertDue(nights, "2026-03-07T05:00", "PT2H", "2026-03-09T23:00"); // Saturday morning to Monday night
            assertThat(nights.isOpen(at(UTC, "2026-03-03T00:00"))).isTrue();
            assertThat(nights.isOpen(at(UTC, "2026-03-02T21:59"))).isFalse();
            assertThat(nights.businessTimeBetween(at(UTC, "2026-03-02T00:00"), at(UTC, "2026-03-09T00:00"))).isEqualTo(Duration.ofHours(40));
        }
    }

    @Nested
    class SeveralIntervalsADay {

        final BusinessCalendar split = BusinessCalendar.builder("Split", UTC)
                .open(MONDAY, FRIDAY, "09:00", "12:00").open(MONDAY, FRIDAY, "13:00", "17:00").build();

        @ParameterizedTest(name = "{0} + {1} = {2}")
        @CsvSource({
                "2026-03-02T11:00, PT2H,   2026-03-02T14:00",
                "2026-03-02T11:30, PT30M,  2026-03-02T12:00",
                "2026-03-02T12:30, PT1H,   2026-03-02T14:00",
                "2026-03-02T12:00, PT0S,   2026-03-02T13:00",
                "2026-03-02T16:00, PT2H,   2026-03-03T10:00",
                "2026-03-02T09:00, PT168H, 2026-04-02T17:00",
        })
        void lunchBreakIsSkipped(String start, String target, String due) {
            assertDue(split, start, target, due);
        }

        @Test
        void countsBothIntervals() {
            assertThat(split.businessTimeBetween(at(UTC, "2026-03-02T08:00"), at(UTC, "2026-03-02T18:00"))).isEqualTo(Duration.ofHours(7));
            assertThat(split.isOpen(at(UTC, "2026-03-02T12:30"))).isFalse();
            assertThat(split.weeklyBusinessTime()).isEqualTo(Duration.ofHours(35));
        }

        @Test
        void touchingIntervalsAreAllowed() {
            BusinessCalendar touching = BusinessCalendar.builder("Touching", UTC)
                    .open(MONDAY, "09:00", "12:00").open(MONDAY, "12:00", "17:00").build();
            assertDue(touching, "2026-03-02T11:00", "PT2H", "2026-03-02T13:00");
            assertThat(touching.weeklyBusinessTime()).isEqualTo(Duration.ofHours(8));
        }
    }

    @Nested
    class DaylightSavingTime {

        final BusinessCalendar office = office(PARIS);
        final BusinessCalendar everyDay = BusinessCalendar.builder("Every day", PARIS).open(MONDAY, SUNDAY, "09:00", "17:00").build();
        final BusinessCalendar earlyHours = BusinessCalendar.builder("00-06", PARIS).open(MONDAY, SUNDAY, "00:00", "06:00").build();
        final BusinessCalendar nights = BusinessCalendar.builder("Night shift", PARIS)
                .open(MONDAY, SUNDAY, "22:00", "24:00").open(MONDAY, SUNDAY, "00:00", "06:00").build();

        @Test
        void ordinaryHoursOverTheSpringForwardWeekend() {
            assertDue(office, "2026-03-27T16:00", "PT2H", "2026-03-30T10:00+02:00");
            Duration wallClock = Duration.between(at(PARIS, "2026-03-27T16:00"), at(PARIS, "2026-03-30T10:00"));
            assertThat(wallClock).as("an hour less of real time over the weekend").isEqualTo(Duration.ofHours(65));
            assertDue(office, "2026-03-23T09:00", "PT168H", "2026-04-20T17:00+02:00");
        }

        @Test
        void ordinaryHoursOverTheFallBackWeekend() {
            assertDue(office, "2026-10-23T16:00", "PT2H", "2026-10-26T10:00+01:00");
            assertDue(office, "2026-10-19T09:00", "PT168H", "2026-11-16T17:00+01:00");
        }

        @Test
        void aDayHoursOnTheDayOfTheChangeAreStillEightHours() {
            assertThat(everyDay.businessTimeBetween(at(PARIS, "2026-03-29T00:00"), at(PARIS, "2026-03-30T00:00"))).isEqualTo(Duration.ofHours(8));
            assertThat(everyDay.businessTimeBetween(at(PARIS, "2026-10-25T00:00"), at(PARIS, "2026-10-26T00:00"))).isEqualTo(Duration.ofHours(8));
            assertDue(everyDay, "2026-03-29T09:00", "PT8H", "2026-03-29T17:00+02:00");
            assertDue(everyDay, "2026-10-25T09:00", "PT8H", "2026-10-25T17:00+01:00");
        }

        @Test
        void anIntervalTheClocksJumpInsideIsAnHourShorterInSpring() {
            assertThat(earlyHours.businessTimeBetween(at(PARIS, "2026-03-29T00:00"), at(PARIS, "2026-03-29T12:00"))).isEqualTo(Duration.ofHours(5));
            assertDue(earlyHours, "2026-03-29T00:00+01:00", "PT3H", "2026-03-29T04:00+02:00");
            assertDue(earlyHours, "2026-03-29T01:30+01:00", "PT1H", "2026-03-29T03:30+02:00");
            assertDue(earlyHours, "2026-03-29T00:00+01:00", "PT5H", "2026-03-29T06:00+02:00");
            assertDue(earlyHours, "2026-03-28T05:00+01:00", "PT7H", "2026-03-30T01:00+02:00");
        }

        @Test
        void anIntervalTheClocksGoBackInsideIsAnHourLongerInAutumn() {
            assertThat(earlyHours.businessTimeBetween(at(PARIS, "2026-10-25T00:00"), at(PARIS, "2026-10-25T12:00"))).isEqualTo(Duration.ofHours(7));
            assertDue(earlyHours, "2026-10-25T00:00+02:00", "PT3H", "2026-10-25T02:00+01:00"); // the second 02:00
            assertDue(earlyHours, "2026-10-25T00:00+02:00", "PT7H", "2026-10-25T06:00+01:00");
            assertDue(earlyHours, "2026-10-24T05:00+02:00", "PT2H", "2026-10-25T01:00+02:00");
            assertThat(earlyHours.isOpen(at(PARIS, "2026-10-25T02:30+01:00"))).as("the repeated hour is open").isTrue();
        }

        @Test
        void aNightShiftIsSevenHoursInSpringAndNineInAutumn() {
            assertThat(nights.businessTimeBetween(at(PARIS, "2026-03-27T22:00"), at(PARIS, "2026-03-28T06:00"))).isEqualTo(Duration.ofHours(8));
            assertThat(nights.businessTimeBetween(at(PARIS, "2026-03-28T22:00"), at(PARIS, "2026-03-29T06:00"))).isEqualTo(Duration.ofHours(7));
            assertThat(nights.businessTimeBetween(at(PARIS, "2026-10-24T22:00"), at(PARIS, "2026-10-25T06:00"))).isEqualTo(Duration.ofHours(9));
            assertDue(nights, "2026-03-28T22:00", "PT7H", "2026-03-29T06:00+02:00");
            assertDue(nights, "2026-03-28T22:00", "PT8H", "2026-03-29T23:00+02:00");
            assertDue(nights, "2026-10-24T22:00", "PT9H", "2026-10-25T06:00+01:00");
        }

        @Test
        void localTimesInTheGapStartAtTheChangeAndRepeatedOnesTheFirstTime() {
            BusinessCalendar sundays = BusinessCalendar.builder("Sunday", PARIS).open(SUNDAY, "02:30", "06:00").build();
            // 02:30 does not exist on 29 March: the interval opens when the clocks jump, at 03:00 CEST
            assertThat(sundays.nextOpening(at(PARIS, "2026-03-29T00:00"))).isEqualTo(at(PARIS, "2026-03-29T03:00+02:00"));
            assertThat(sundays.businessTimeBetween(at(PARIS, "2026-03-29T00:00"), at(PARIS, "2026-03-29T12:00"))).isEqualTo(Duration.ofHours(3));
            // 02:30 happens twice on 25 October: the interval opens the first time and runs to 06:00 CET
            assertThat(sundays.nextOpening(at(PARIS, "2026-10-25T00:00"))).isEqualTo(at(PARIS, "2026-10-25T02:30+02:00"));
            assertThat(sundays.businessTimeBetween(at(PARIS, "2026-10-25T00:00"), at(PARIS, "2026-10-25T12:00")))
                    .isEqualTo(Duration.ofMinutes(270));
        }

        @Test
        void calendarTimeIsRealElapsedTime() {
            BusinessCalendar always = BusinessCalendar.alwaysOpen("24/7 Paris", PARIS);
            assertDue(always, "2026-03-28T12:00", "PT24H", "2026-03-29T13:00+02:00");
            Instant start = at(UTC, "2026-03-02T10:15:30");
            assertThat(BusinessCalendar.CALENDAR_TIME.addBusinessTime(start, Duration.ofDays(10))).isEqualTo(start.plus(Duration.ofDays(10)));
            assertThat(BusinessCalendar.CALENDAR_TIME.businessTimeBetween(start, start.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
            assertThat(BusinessCalendar.CALENDAR_TIME.isOpen(start)).isTrue();
            assertThat(BusinessCalendar.CALENDAR_TIME.id()).isNull();
        }
    }

    @Nested
    class TimeZonesOnBothSidesOfUtc {

        /** Friday 16:30 local + 1 h, Monday 9 March a holiday: Tuesday 09:30 local, whatever the zone. */
        @ParameterizedTest(name = "{0}: due {1}")
        @CsvSource({
                "UTC,                 2026-03-10T09:30:00Z",
                "America/New_York,    2026-03-10T13:30:00Z", // clocks went forward on Sunday 8 March: EST to EDT
                "Pacific/Honolulu,    2026-03-10T19:30:00Z",
                "Asia/Tokyo,          2026-03-10T00:30:00Z",
                "Asia/Kolkata,        2026-03-10T04:00:00Z", // +05:30
                "Pacific/Auckland,    2026-03-09T20:30:00Z", // +13:00: due on the UTC date that is the holiday locally
        })
        void fridayAfternoonWithAMondayHoliday(String zoneId, String expectedUtc) {
            ZoneId zone = ZoneId.of(zoneId);
            BusinessCalendar calendar = BusinessCalendar.builder("Office", zone).open(MONDAY, FRIDAY, "09:00", "17:00")
                    .holiday(LocalDate.parse("2026-03-09")).build();
            Instant start = at(zone, "2026-03-06T16:30");
            Instant due = calendar.addBusinessTime(start, Duration.ofHours(1));
            assertThat(due).isEqualTo(Instant.parse(expectedUtc));
            assertThat(due.atZone(zone).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-10T09:30"));
            assertThat(calendar.businessTimeBetween(start, due)).isEqualTo(Duration.ofHours(1));
        }

        @Test
        void southernHemisphereClocksGoBackInApril() {
            ZoneId auckland = ZoneId.of("Pacific/Auckland");
            BusinessCalendar early = BusinessCalendar.builder("00-06", auckland).open(MONDAY, SUNDAY, "00:00", "06:00").build();
            // New Zealand leaves daylight time at 03:00 on Sunday 5 April 2026
            assertThat(early.businessTimeBetween(at(auckland, "2026-04-05T00:00"), at(auckland, "2026-04-05T12:00"))).isEqualTo(Duration.ofHours(7));
            assertDue(office(auckland), "2026-04-03T16:00", "PT2H", "2026-04-06T10:00+12:00");
        }

        @Test
        void halfHourOffsets() {
            ZoneId kolkata = ZoneId.of("Asia/Kolkata");
            BusinessCalendar calendar = office(kolkata);
            assertThat(calendar.isOpen(Instant.parse("2026-03-02T03:30:00Z"))).as("09:00 IST").isTrue();
            assertThat(calendar.isOpen(Instant.parse("2026-03-02T03:29:59Z"))).isFalse();
            assertThat(calendar.addBusinessTime(Instant.parse("2026-03-02T11:00:00Z"), Duration.ofHours(1)))
                    .as("16:30 IST + 1 h").isEqualTo(Instant.parse("2026-03-03T04:00:00Z"));
        }
    }

    @Nested
    class Pausing {

        final BusinessCalendar calendar = BusinessCalendar.builder("Office", PARIS).open(MONDAY, FRIDAY, "09:00", "17:00")
                .holiday(LocalDate.parse("2026-03-09")).build();

        @Test
        void onHoldForTwoBusinessHoursMovesTheDueDateByTwoBusinessHours() {
            Instant start = at(PARIS, "2026-03-06T16:30");
            Duration target = Duration.ofHours(1);
            Instant due = calendar.addBusinessTime(start, target);
            assertThat(due).isEqualTo(at(PARIS, "2026-03-10T09:30"));

            Instant pausedAt = at(PARIS, "2026-03-06T16:45");
            Instant resumedAt = at(PARIS, "2026-03-10T10:45");
            Duration remaining = target.minus(calendar.businessTimeBetween(start, pausedAt));
            assertThat(remaining).isEqualTo(Duration.ofMinutes(45));
            Duration onHold = calendar.businessTimeBetween(pausedAt, resumedAt);
            assertThat(onHold).as("15 min on Friday, 1 h 45 on Tuesday").isEqualTo(Duration.ofHours(2));

            Instant newDue = calendar.addBusinessTime(resumedAt, remaining);
            assertThat(newDue).isEqualTo(at(PARIS, "2026-03-10T11:30"));
            assertThat(newDue).isEqualTo(calendar.addBusinessTime(due, onHold));
            assertThat(calendar.businessTimeBetween(due, newDue)).isEqualTo(onHold);
        }

        @Test
        void aPauseOutsideBusinessHoursChangesNothing() {
            Instant start = at(PARIS, "2026-03-06T16:30");
            Instant due = calendar.addBusinessTime(start, Duration.ofHours(1));
            Instant pausedAt = at(PARIS, "2026-03-07T10:00");
            Duration remaining = Duration.ofHours(1).minus(calendar.businessTimeBetween(start, pausedAt));
            assertThat(calendar.addBusinessTime(at(PARIS, "2026-03-09T15:00"), remaining)).isEqualTo(due);
        }

        @Test
        void theDueDateMovesByExactlyTheBusinessTimeOfThePause() {
            Random random = new Random(42);
            for (int i = 0; i < 300; i++) {
                BusinessCalendar c = CALENDARS.get(random.nextInt(CALENDARS.size()));
                Instant start = randomInstant(random);
                Duration target = Duration.ofMinutes(1 + random.nextInt(60 * 100));
                Instant due = c.addBusinessTime(start, target);
                Instant pausedAt = start.plusSeconds((long) (random.nextDouble() * Duration.between(start, due).getSeconds()));
                Instant resumedAt = pausedAt.plusSeconds(random.nextInt(3600 * 24 * 20));
                Duration remaining = target.minus(c.businessTimeBetween(start, pausedAt));
                Duration onHold = c.businessTimeBetween(pausedAt, resumedAt);
                Instant newDue = c.addBusinessTime(resumedAt, remaining);
                String description = c.name() + " " + start + " + " + target + " paused " + pausedAt + " resumed " + resumedAt;
                assertThat(remaining).as(description).isPositive();
                assertThat(c.businessTimeBetween(due, newDue)).as(description).isEqualTo(onHold);
                assertThat(newDue).as(description).isEqualTo(onHold.isZero() ? due : c.addBusinessTime(due, onHold));
            }
        }
    }

    @Nested
    class Properties {

        @Test
        void businessTimeBetweenIsTheInverseOfAddBusinessTime() {
            Random random = new Random(20260306);
            for (int i = 0; i < 600; i++) {
                BusinessCalendar calendar = CALENDARS.get(random.nextInt(CALENDARS.size()));
                Instant start = randomInstant(random);
                Duration target = Duration.ofSeconds(random.nextInt(3600 * 400));
                Instant due = calendar.addBusinessTime(start, target);
                String description = calendar.name() + ": " + start + " + " + target + " = " + due;
                assertThat(due).as(description).isAfterOrEqualTo(start);
                assertThat(calendar.businessTimeBetween(start, due)).as(description).isEqualTo(target);
                if (target.isZero()) {
                    assertThat(due).as(description).isEqualTo(calendar.nextOpening(start));
                    assertThat(calendar.isOpen(due)).as(description).isTrue();
                } else {
                    assertThat(calendar.isOpen(due.minusNanos(1))).as("open just before the due date: " + description).isTrue();
                }
                Instant later = due.plusSeconds(random.nextInt(3600 * 24 * 30));
                assertThat(calendar.businessTimeBetween(start, later)).as(description)
                        .isEqualTo(target.plus(calendar.businessTimeBetween(due, later)));
            }
        }

        /** Against the obvious, slow definition: walk minute by minute and count open minutes. */
        @Test
        void agreesWithCountingMinuteByMinuteAroundTheClockChanges() {
            List<BusinessCalendar> parisCalendars = List.of(office(PARIS),
                    BusinessCalendar.builder("Split", PARIS).open(MONDAY, FRIDAY, "09:00", "12:00")
                            .open(MONDAY, FRIDAY, "13:30", "18:00").open(SATURDAY, "10:00", "14:00").build(),
                    BusinessCalendar.builder("Nights", PARIS).open(MONDAY, SUNDAY, "22:00", "24:00")
                            .open(MONDAY, SUNDAY, "00:00", "06:00").holiday(LocalDate.parse("2026-10-26")).build());
            Random random = new Random(7);
            for (int i = 0; i < 160; i++) {
                BusinessCalendar calendar = parisCalendars.get(random.nextInt(parisCalendars.size()));
                LocalDate around = random.nextBoolean() ? LocalDate.parse("2026-03-29") : LocalDate.parse("2026-10-25");
                Instant start = around.minusDays(4).atStartOfDay(PARIS).toInstant().plus(Duration.ofMinutes(random.nextInt(60 * 24 * 6)));
                int minutes = random.nextInt(60 * 24);
                assertThat(calendar.addBusinessTime(start, Duration.ofMinutes(minutes)))
                        .as("%s: %s + %d min", calendar.name(), local(calendar, start), minutes)
                        .isEqualTo(addMinuteByMinute(calendar, start, minutes));
            }
        }

        @Test
        void longTargetsDoNotWalkMinuteByMinute() {
            BusinessCalendar calendar = BusinessCalendar.builder("Office", PARIS).open(MONDAY, FRIDAY, "09:00", "17:00")
                    .yearlyHoliday(MonthDay.of(1, 1)).yearlyHoliday(MonthDay.of(5, 1)).yearlyHoliday(MonthDay.of(12, 25))
                    .holiday(LocalDate.parse("2026-04-06")).build();
            Instant start = at(PARIS, "2026-01-05T09:00");
            assertTimeout(Duration.ofSeconds(5), () -> IntStream.range(0, 5_000).forEach(i ->
                    calendar.addBusinessTime(start.plus(Duration.ofMinutes(i * 149L)), Duration.ofHours(168))));
            Instant aYearOfWork = calendar.addBusinessTime(start, Duration.ofHours(2000));
            assertThat(calendar.businessTimeBetween(start, aYearOfWork)).isEqualTo(Duration.ofHours(2000));
        }
    }

    @Nested
    class Construction {

        @Test
        void aCalendarThatNeverOpensIsRefused() {
            assertThatThrownBy(() -> new BusinessCalendar(null, "Never", UTC, Map.of(), List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least once a week");
        }

        @Test
        void overlappingIntervalsAreRefused() {
            assertThatThrownBy(() -> BusinessCalendar.builder("Overlap", UTC).open(MONDAY, "09:00", "12:00").open(MONDAY, "11:00", "13:00").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
            assertThatThrownBy(() -> BusinessCalendar.builder("Whole day and more", UTC).open(MONDAY, "00:00", "24:00").open(MONDAY, "23:00", "24:00").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
        }

        @Test
        void intervalsMustStartBeforeTheyEnd() {
            assertThatThrownBy(() -> Interval.parse("17:00", "09:00")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Interval.parse("10:00", "10:00")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Interval.parse("25:00", "26:00")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Interval.parse("24:00", "24:00")).isInstanceOf(IllegalArgumentException.class);
            assertThat(Interval.parse("00:00", "24:00").length()).isEqualTo(Duration.ofHours(24));
            assertThat(Interval.parse("22:00", "24:00")).isEqualTo(new Interval(LocalTime.of(22, 0), LocalTime.MIDNIGHT));
            assertThat(Interval.parse("22:00", "24:00")).hasToString("22:00–24:00");
        }

        @Test
        void yearlyHolidaysMayNotCoverTheWholeYear() {
            BusinessCalendar.Builder builder = BusinessCalendar.builder("Never", UTC).open(MONDAY, FRIDAY, "09:00", "17:00");
            LocalDate.parse("2027-01-01").datesUntil(LocalDate.parse("2028-01-01")).forEach(d -> builder.yearlyHoliday(MonthDay.from(d)));
            assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole year");
        }

        @Test
        void negativeTargetsAreRefused() {
            assertThatThrownBy(() -> office(UTC).addBusinessTime(Instant.EPOCH, Duration.ofMinutes(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void theScheduleIsImmutableAndSorted() {
            BusinessCalendar calendar = BusinessCalendar.builder("Split", UTC).open(MONDAY, "13:00", "17:00").open(MONDAY, "09:00", "12:00").build();
            assertThat(calendar.hours(MONDAY)).extracting(Interval::toString).containsExactly("09:00–12:00", "13:00–17:00");
            assertThat(calendar.hours(SUNDAY)).isEmpty();
            assertThatThrownBy(() -> calendar.hours(MONDAY).clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    // --- shared fixtures ---------------------------------------------------------------------

    static final List<BusinessCalendar> CALENDARS = List.of(
            office(UTC),
            BusinessCalendar.builder("Paris office, holidays", PARIS).open(MONDAY, FRIDAY, "09:00", "17:00")
                    .yearlyHoliday(MonthDay.of(12, 25)).yearlyHoliday(MonthDay.of(5, 1)).holiday(LocalDate.parse("2026-04-06")).build(),
            BusinessCalendar.builder("Paris split", PARIS).open(MONDAY, FRIDAY, "09:00", "12:00")
                    .open(MONDAY, FRIDAY, "13:00", "17:00").open(SATURDAY, "10:00", "14:00").build(),
            BusinessCalendar.builder("Paris early hours", PARIS).open(MONDAY, SUNDAY, "00:00", "06:00").build(),
            BusinessCalendar.builder("Paris night shift", PARIS).open(MONDAY, SUNDAY, "22:00", "24:00")
                    .open(MONDAY, SUNDAY, "00:00", "06:00").build(),
            BusinessCalendar.builder("New York", ZoneId.of("America/New_York")).open(MONDAY, FRIDAY, "08:30", "17:30")
                    .yearlyHoliday(MonthDay.of(7, 4)).build(),
            BusinessCalendar.builder("Auckland", ZoneId.of("Pacific/Auckland")).open(MONDAY, FRIDAY, "08:00", "16:00").build(),
            BusinessCalendar.builder("Kolkata", ZoneId.of("Asia/Kolkata")).open(MONDAY, SATURDAY, "09:30", "18:00").build(),
            BusinessCalendar.builder("Sunday gap", PARIS).open(SUNDAY, "02:30", "06:00").open(SUNDAY, "01:00", "02:15").build());

    static Instant randomInstant(Random random) {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        return from.plusSeconds((long) (random.nextDouble() * Duration.ofDays(730).getSeconds()));
    }

    /** The slow definition, valid when interval bounds are whole minutes outside the hour the clocks change. */
    static Instant addMinuteByMinute(BusinessCalendar calendar, Instant start, int minutes) {
        Instant t = start;
        if (minutes == 0) {
            while (!openByLocalTime(calendar, t)) {
                t = t.plusSeconds(60);
            }
            return t;
        }
        int remaining = minutes;
        while (remaining > 0) {
            if (openByLocalTime(calendar, t)) {
                remaining--;
            }
            t = t.plusSeconds(60);
        }
        return t;
    }

    static boolean openByLocalTime(BusinessCalendar calendar, Instant instant) {
        ZonedDateTime local = instant.atZone(calendar.zone());
        if (calendar.isHoliday(local.toLocalDate())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        return calendar.hours(local.getDayOfWeek()).stream()
                .anyMatch(i -> !time.isBefore(i.start()) && (i.endsAtEndOfDay() || time.isBefore(i.end())));
    }
}
