package io.supportflow.mail;

/**
 * What kind of mail arrived. Only {@link #NORMAL} mail may create a ticket or trigger an
 * auto-response; everything else is noise for the ticket flow (it is still kept raw).
 */
public enum Classification {
    /** A person wrote to us. */
    NORMAL,
    /** Out-of-office and other automatic answers (Auto-Submitted, X-Autoreply, X-Auto-Response-Suppress, read receipts). */
    AUTO_REPLY,
    /** Newsletters and list traffic (Precedence: bulk/junk/list, List-Id). */
    BULK,
    /** Delivery status notifications (multipart/report; report-type=delivery-status, null sender, MAILER-DAEMON). */
    BOUNCE,
    /** Our own outgoing mail coming back (X-SupportFlow-Origin of this installation, or our Message-ID domain). */
    OWN_MAIL;

    /** True when this mail may create a ticket or be answered automatically. */
    public boolean isFromAPerson() {
        return this == NORMAL;
    }
}
