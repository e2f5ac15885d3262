/**
 * Surveys (issue #7, P4): a CSAT survey (1–5) when a ticket is resolved, once per ticket, and an NPS
 * survey (0–10) to the ticket's customer at most every {@code supportflow.survey.nps-interval}. Each
 * survey is a row in {@code survey} and an instance of processes/csat-survey.bpmn or nps-survey.bpmn
 * (send the mail with retries, then wait for the answer or the expiry). The mail carries a link signed
 * with HMAC-SHA256 ({@link io.supportflow.survey.SurveyLinks}) that the portal's survey page answers
 * without signing in; answers are written on the ticket's activity log and summed up for agents.
 * Depends on ticket, mail and common; none of them depends on it.
 */
package io.supportflow.survey;
