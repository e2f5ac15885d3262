package io.supportflow.scheduledreply;

import java.time.Instant;

/** A public reply an agent scheduled, as stored. */
record ScheduledReply(long id, long ticketId, String authorId, String authorName, String body, Instant sendAt,
                      State state, String failure, String processInstanceId, Long messageId, Instant createdAt,
                      Instant updatedAt) {

    enum State { SCHEDULED, SENT, CANCELLED, FAILED }
}
