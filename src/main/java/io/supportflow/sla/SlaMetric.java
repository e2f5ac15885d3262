package io.supportflow.sla;

/** What an SLA clock measures. */
public enum SlaMetric {
    /** From creation to the first public agent reply. */
    FIRST_RESPONSE,
    /** From the oldest unanswered customer message to the next public agent reply, after the first response. */
    NEXT_RESPONSE,
    /** From creation to RESOLVED; a reopened ticket continues with the time it had left. */
    RESOLUTION
}
