package io.supportflow.survey;

import java.time.Instant;

/** One survey sent about a ticket; {@code score} and {@code comment} are the customer's latest answer. */
record Survey(long id, Kind kind, long ticketId, String team, String customerKey, String recipient, State state,
              Instant createdAt, Instant sentAt, Instant expiresAt, Integer score, String comment, Instant answeredAt,
              Instant updatedAt, String processInstanceId) {

    /** The two surveys and their scales. */
    enum Kind {
        CSAT(1, 5, "csat_answered", "resolved-survey"),
        NPS(0, 10, "nps_answered", "nps-survey");

        final int min;
        final int max;
        /** The ticket's activity entry for an answer. */
        final String activity;
        /** The mail template under mail/templates/. */
        final String template;

        Kind(int min, int max, String activity, String template) {
            this.min = min;
            this.max = max;
            this.activity = activity;
            this.template = template;
        }
    }

    /** PENDING (mail not sent yet), SENT, ANSWERED, EXPIRED (unanswered), SKIPPED (the ticket was reopened before the mail left). */
    enum State { PENDING, SENT, ANSWERED, EXPIRED, SKIPPED }

    boolean answered() {
        return answeredAt != null;
    }
}
