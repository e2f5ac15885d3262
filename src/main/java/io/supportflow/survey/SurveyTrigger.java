package io.supportflow.survey;

import io.supportflow.ticket.TicketActivity;
import io.supportflow.ticket.TicketStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Starts the surveys when a ticket becomes RESOLVED, at the end of the resolving operation and in its
 * transaction: a resolution that rolls back sends nothing, and the mails leave later (async step).
 */
@Component
class SurveyTrigger {

    private final Surveys surveys;

    SurveyTrigger(Surveys surveys) {
        this.surveys = surveys;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(TicketActivity activity) {
        if (activity.changed("status") && TicketStatus.RESOLVED.name().equals(activity.after())) {
            surveys.ticketResolved(activity.ticketId());
        }
    }
}
