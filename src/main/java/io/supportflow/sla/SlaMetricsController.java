package io.supportflow.sla;

import io.supportflow.common.InvalidInputException;
import io.supportflow.sla.SlaMetricsQuery.MetricFigures;
import io.supportflow.ticket.Priority;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/sla")
@Validated
@Tag(name = "SLA", description = "Service-level compliance of the tickets created in a period")
@SecurityRequirement(name = "basic")
class SlaMetricsController {

    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    private static final Duration MAX_PERIOD = Duration.ofDays(366);

    record Metrics(Instant from, Instant to, String team, Priority priority, MetricFigures firstResponse,
                   MetricFigures resolution) {
    }

    private final SlaMetricsQuery query;
    private final String tenantId;

    SlaMetricsController(SlaMetricsQuery query, @Value("${supportflow.tickets.tenant:default}") String tenantId) {
        this.query = query;
        this.tenantId = tenantId;
    }

    @GetMapping("/metrics")
    @Operation(summary = "First-response and resolution compliance (%), met / breached / at-risk counts, median and p90 "
            + "of the counted time, for tickets created in [from, to) (default: the last 30 days, at most 366 days)")
    Metrics metrics(
            @Parameter(description = "ISO-8601 date-time with offset, e.g. 2026-11-01T00:00:00Z")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String team,
            @RequestParam(required = false) Priority priority) {
        Instant now = ClockUtil.now().toInstant();
        Instant end = to == null ? now : to.toInstant();
        Instant start = from == null ? end.minus(DEFAULT_PERIOD) : from.toInstant();
        if (!start.isBefore(end)) {
            throw new InvalidInputException("from", "from must be before to.");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidInputException("to", "The period is at most 366 days.");
        }
        SlaMetricsQuery.Filter filter = new SlaMetricsQuery.Filter(tenantId, start, end, team,
                priority == null ? null : priority.name(), now);
        return new Metrics(start, end, team, priority, query.figures(SlaMetric.FIRST_RESPONSE, filter),
                query.figures(SlaMetric.RESOLUTION, filter));
    }
}
