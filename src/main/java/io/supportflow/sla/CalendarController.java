package io.supportflow.sla;

import io.supportflow.common.InvalidInputException;
import io.supportflow.sla.CalendarApi.CalendarBody;
import io.supportflow.sla.CalendarApi.CalendarView;
import io.supportflow.sla.CalendarApi.DueView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/calendars")
@Validated
@Tag(name = "Business calendars", description = "Admins only. Working hours, time zone and holidays that SLA due dates "
        + "are computed in: the tenant's default calendar and per-team overrides.")
@SecurityRequirement(name = "basic")
class CalendarController {

    /** The longest target /due computes: a year. */
    static final Duration MAX_TARGET = Duration.ofDays(366);

    private final CalendarAdministration administration;

    CalendarController(CalendarAdministration administration) {
        this.administration = administration;
    }

    @GetMapping
    @Operation(summary = "The tenant's calendars, its default first")
    List<CalendarView> list() {
        return administration.list().stream().map(CalendarView::of).toList();
    }

    @GetMapping("/{id}")
    CalendarView get(@PathVariable @Positive long id) {
        return CalendarView.of(administration.get(id));
    }

    @PostMapping
    @Operation(summary = "Create a team's calendar (or the tenant's default, when it has none)")
    ResponseEntity<CalendarView> create(@Valid @RequestBody CalendarBody body) {
        StoredCalendar created = administration.create(body.team(), CalendarApi.toCalendar(body));
        return ResponseEntity.created(URI.create("/api/v1/admin/calendars/" + created.id())).body(CalendarView.of(created));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a calendar: name, zone, team, hours and holidays; applies to due dates computed from now on")
    CalendarView replace(@PathVariable @Positive long id, @Valid @RequestBody CalendarBody body) {
        return CalendarView.of(administration.replace(id, body.team(), CalendarApi.toCalendar(body)));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a team's calendar (the team falls back to the default); the default cannot be deleted")
    ResponseEntity<Void> delete(@PathVariable @Positive long id) {
        administration.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/due")
    @Operation(summary = "When a target started at a given time is due in this calendar (clock starts at the next business moment)")
    DueView due(@PathVariable @Positive long id,
            @Parameter(description = "ISO date-time with offset (2026-03-06T15:30:00Z), or without one for the calendar's "
                    + "local time (2026-03-06T16:30); default now")
            @RequestParam(required = false) @Size(max = 64) String start,
            @Parameter(description = "business time, ISO-8601 duration, e.g. PT1H, PT30M, P2D (= 48 h)")
            @RequestParam @NotBlank @Size(max = 32) String target) {
        BusinessCalendar calendar = administration.get(id).calendar();
        Duration businessTime = target(target);
        Instant from = start == null ? Instant.now() : instant(start, calendar.zone());
        return DueView.of(id, calendar.zone(), businessTime.toString(), from, calendar.addBusinessTime(from, businessTime));
    }

    private static Duration target(String text) {
        Duration duration;
        try {
            duration = Duration.parse(text.strip());
        } catch (DateTimeException | ArithmeticException e) {
            throw new InvalidInputException("target", "must be an ISO-8601 duration such as PT1H or PT30M");
        }
        if (duration.isNegative() || duration.compareTo(MAX_TARGET) > 0) {
            throw new InvalidInputException("target", "must be between PT0S and " + MAX_TARGET);
        }
        return duration;
    }

    private static Instant instant(String text, ZoneId zone) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException withoutOffset) {
            try {
                instant = LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeException e) {
                throw new InvalidInputException("start", "must be an ISO date-time, e.g. 2026-03-06T16:30 (the calendar's "
                        + "local time) or 2026-03-06T15:30:00Z");
            }
        }
        if (instant.isBefore(Instant.parse("1900-01-01T00:00:00Z")) || instant.isAfter(Instant.parse("9999-01-01T00:00:00Z"))) {
            throw new InvalidInputException("start", "must be between the years 1900 and 9999");
        }
        return instant;
    }
}
