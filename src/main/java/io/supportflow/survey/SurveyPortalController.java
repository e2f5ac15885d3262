package io.supportflow.survey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The survey page's API, reached through the signed link in the survey mail without signing in (the
 * link is the proof). Any token that is not valid (malformed, tampered with, expired) is a 404.
 * Changes need the CSRF header like every portal change.
 */
@RestController
@RequestMapping("/api/portal/v1/surveys/{token}")
@Tag(name = "Portal: surveys", description = "CSAT and NPS surveys answered through their signed link.")
class SurveyPortalController {

    /** The score on the survey's scale (CSAT 1–5, NPS 0–10) and an optional comment. */
    record AnswerRequest(@NotNull Integer score, @Size(max = Surveys.MAX_COMMENT) String comment) {
    }

    private final Surveys surveys;

    SurveyPortalController(Surveys surveys) {
        this.surveys = surveys;
    }

    @GetMapping
    @Operation(summary = "The survey behind a link: its question's scale, the ticket's number and subject, and the answer given so far")
    Surveys.PortalView get(@PathVariable String token) {
        return surveys.view(token);
    }

    @PostMapping
    @Operation(summary = "Answer the survey, or change the answer (one answer per survey)")
    Surveys.PortalView answer(@PathVariable String token, @Valid @RequestBody AnswerRequest body) {
        return surveys.answer(token, body.score(), body.comment());
    }
}
