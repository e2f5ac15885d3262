package io.supportflow.survey;

import io.supportflow.common.InvalidInputException;
import io.supportflow.identity.CurrentAgent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "Surveys", description = "CSAT and NPS answers of tickets, and their figures.")
@SecurityRequirement(name = "basic")
class SurveyController {

    static final String NUMBER_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$";
    static final String TEAM_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$";
    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    static final Duration MAX_PERIOD = Duration.ofDays(3660);

    /** A survey as agents see it. */
    record View(long id, Survey.Kind kind, Survey.State state, Instant sentAt, Instant expiresAt, Integer score, String comment,
                Instant answeredAt, Instant updatedAt) {

        static View of(Survey s) {
            return new View(s.id(), s.kind(), s.state(), s.sentAt(), s.expiresAt(), s.score(), s.comment(), s.answeredAt(),
                    s.updatedAt());
        }
    }

    /** The ticket's CSAT survey and the NPS survey its resolution sent, each null when there is none. */
    record TicketSurveys(View csat, View nps) {
    }

    private final Surveys surveys;
    private final SurveySummary summary;
    private final CurrentAgent currentAgent;
    private final String tenant;

    SurveyController(Surveys surveys, SurveySummary summary, CurrentAgent currentAgent,
            @Value("${supportflow.tickets.tenant:default}") String tenant) {
        this.surveys = surveys;
        this.summary = summary;
        this.currentAgent = currentAgent;
        this.tenant = tenant;
    }

    @GetMapping("/api/v1/tickets/{number}/survey")
    @Operation(summary = "The ticket's survey answers (its latest CSAT survey, and the NPS survey its resolution sent)")
    TicketSurveys ofTicket(@PathVariable @Pattern(regexp = NUMBER_PATTERN) String number) {
        var found = surveys.ofTicket(number, currentAgent.get());
        return new TicketSurveys(found.get(Survey.Kind.CSAT).map(View::of).orElse(null),
                found.get(Survey.Kind.NPS).map(View::of).orElse(null));
    }

    @GetMapping("/api/v1/surveys/summary")
    @Operation(summary = "CSAT % (share of 4–5), average, NPS score, response rates and counts per score of the surveys "
            + "of tickets resolved in [from, to) (default: the last 30 days), optionally of one team")
    SurveySummary.Summary summary(@RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to,
            @RequestParam(required = false) @Pattern(regexp = TEAM_PATTERN) String team) {
        currentAgent.get();
        Instant end = to == null ? ClockUtil.now().toInstant() : to.toInstant();
        Instant start = from == null ? end.minus(DEFAULT_PERIOD) : from.toInstant();
        if (!start.isBefore(end)) {
            throw new InvalidInputException("from", "from must be before to.");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidInputException("to", "Ask for ten years at most.");
        }
        return summary.of(tenant, start, end, team);
    }
}
