package io.supportflow.survey;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param linkSecret     signs the survey links (HMAC-SHA256), at least 32 characters (SUPPORTFLOW_SURVEY_LINK_SECRET)
 * @param csatEnabled    a CSAT survey when a ticket is resolved (once per ticket)
 * @param csatExpiry     how long a CSAT link works; a ticket resolved again after that, unanswered, gets a new survey
 * @param npsEnabled     an NPS survey when a ticket is resolved and the customer got none within {@code npsInterval}
 * @param npsInterval    the least time between two NPS surveys to one customer
 * @param npsExpiry      how long an NPS link works
 * @param language       the survey mails' language for tickets without one (older than ticket languages); otherwise
 *                       the ticket's language (en, fr; others fall back to English)
 * @param sendRetryCycle a failed survey mail is retried this often, then becomes an incident
 */
@ConfigurationProperties("supportflow.survey")
record SurveySettings(String linkSecret, Boolean csatEnabled, Duration csatExpiry, Boolean npsEnabled, Duration npsInterval,
                      Duration npsExpiry, String language, String sendRetryCycle) {

    static final int MIN_SECRET_LENGTH = 32;

    SurveySettings {
        linkSecret = linkSecret == null ? "" : linkSecret;
        csatEnabled = csatEnabled == null || csatEnabled;
        csatExpiry = positive(csatExpiry, Duration.ofDays(14), "csat-expiry");
        npsEnabled = npsEnabled == null || npsEnabled;
        npsInterval = positive(npsInterval, Duration.ofDays(90), "nps-interval");
        npsExpiry = positive(npsExpiry, Duration.ofDays(14), "nps-expiry");
        language = language == null || language.isBlank() ? "en" : language;
        sendRetryCycle = sendRetryCycle == null || sendRetryCycle.isBlank() ? "R3/PT1M" : sendRetryCycle;
    }

    Duration expiry(Survey.Kind kind) {
        return kind == Survey.Kind.CSAT ? csatExpiry : npsExpiry;
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("supportflow.survey." + name + " must be positive");
        }
        return value;
    }
}
