package io.supportflow.mail;

import io.supportflow.ticket.Actor;
import io.supportflow.ticket.MessageAdded;
import io.supportflow.ticket.TicketActivity;
import io.supportflow.ticket.TicketStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Mails the customer when a ticket is created (acknowledgement), when someone other than the
 * customer adds a public message (an agent's reply, or a rule's), when the ticket is resolved (unless a
 * {@link ResolutionMailer} mails the resolution itself, e.g. with the CSAT survey's rating links), when
 * the workflow reminds a quiet customer, and when it closes the ticket. Internal notes are never mailed.
 * Runs at the end of the ticket operation, in its transaction, when the ticket row and the process agree.
 */
@Component
class MailNotifications {

    private final MailSettings settings;
    private final OutgoingMails mails;
    private final java.util.List<ResolutionMailer> resolutionMailers;

    MailNotifications(MailSettings settings, OutgoingMails mails, java.util.List<ResolutionMailer> resolutionMailers) {
        this.settings = settings;
        this.mails = mails;
        this.resolutionMailers = java.util.List.copyOf(resolutionMailers);
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void ticketActivity(TicketActivity activity) {
        if (!settings.outbound().enabled()) {
            return;
        }
        if ("created".equals(activity.action())) {
            mails.acknowledge(activity.ticketId());
        } else if ("customer_reminded".equals(activity.action())) {
            mails.notice(activity.ticketId(), MailThreads.Kind.REMINDER);
        } else if (activity.changed("status") && TicketStatus.RESOLVED.name().equals(activity.after())) {
            if (resolutionMailers.stream().noneMatch(mailer -> mailer.mailsResolution(activity.ticketId()))) {
                mails.notice(activity.ticketId(), MailThreads.Kind.RESOLVED);
            }
        } else if (activity.changed("status") && TicketStatus.CLOSED.name().equals(activity.after())) {
            mails.notice(activity.ticketId(), MailThreads.Kind.CLOSED);
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void messageAdded(MessageAdded message) {
        if (settings.outbound().enabled() && !message.internal() && message.author().type() != Actor.Type.CUSTOMER) {
            mails.reply(message.ticketId(), message.messageId());
        }
    }
}
