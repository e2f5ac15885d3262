package io.supportflow.mail;

import io.supportflow.ticket.Actor;
import io.supportflow.ticket.MessageAdded;
import io.supportflow.ticket.TicketActivity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Mails the customer when a ticket is created (acknowledgement) and when someone other than the
 * customer adds a public message (an agent's reply, or a rule's). Internal notes are never mailed.
 * Runs at the end of the ticket operation, in its transaction, when the ticket row and the process agree.
 */
@Component
class MailNotifications {

    private final MailSettings settings;
    private final OutgoingMails mails;

    MailNotifications(MailSettings settings, OutgoingMails mails) {
        this.settings = settings;
        this.mails = mails;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void ticketActivity(TicketActivity activity) {
        if (settings.outbound().enabled() && "created".equals(activity.action())) {
            mails.acknowledge(activity.ticketId());
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void messageAdded(MessageAdded message) {
        if (settings.outbound().enabled() && !message.internal() && message.author().type() != Actor.Type.CUSTOMER) {
            mails.reply(message.ticketId(), message.messageId());
        }
    }
}
