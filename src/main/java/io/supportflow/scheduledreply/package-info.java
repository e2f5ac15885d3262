/**
 * Scheduled replies (issue #5, T8): an agent writes a public reply now and SupportFlow sends it at a
 * chosen time, through the ticket service exactly as that agent's reply. Each scheduled reply is a row in
 * scheduled_reply and an instance of processes/scheduled-reply.bpmn waiting on a timer; editing moves the
 * timer, cancelling deletes the instance. Depends on ticket; ticket never depends on it.
 */
package io.supportflow.scheduledreply;
