package io.supportflow.mail;

/**
 * A capability that mails the customer a ticket's resolution itself, with more in it than the plain notice:
 * the CSAT survey sends one "resolved" mail that carries the rating links
 * ({@link MailOutbox#sendResolved}). When one of them says it does, the mail capability's own "resolved"
 * notice is not sent: the customer gets one mail, not two.
 */
public interface ResolutionMailer {

    /** Asked in the resolving transaction: whether this ticket's resolution is (or will be) mailed by this capability. */
    boolean mailsResolution(long ticketId);
}
