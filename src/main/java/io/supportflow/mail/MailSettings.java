package io.supportflow.mail;

import io.supportflow.ticket.Channel;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param tokenSecret          signs reply-address tokens ({@link ReplyTokens}); at least 32 characters; required
 *                             outside the demo profile (the demo profile sets a well-known value)
 * @param originId             this installation's id in the X-SupportFlow-Origin header of our outgoing mail
 * @param messageIdDomain      the domain of the Message-IDs we generate; mail carrying one is our own coming back
 * @param maxMessageBytes      larger inbound messages are not parsed (dead letter)
 * @param maxAttachments       attachments kept per message
 * @param maxAttachmentBytes   larger attachments are dropped (and the drop recorded)
 * @param subjectTicketPattern regular expression finding a ticket number in a subject (group 1)
 * @param mailboxes            the IMAP mailboxes polled for new tickets and replies (none by default)
 * @param outbound             what we send, from whom, and how often a failed send is retried
 * @param attachmentDirectory  where attachments of inbound mail are stored (outside any web root)
 */
@ConfigurationProperties("supportflow.mail")
record MailSettings(String tokenSecret, String originId, String messageIdDomain, Long maxMessageBytes,
                    Integer maxAttachments, Long maxAttachmentBytes, String subjectTicketPattern,
                    List<Mailbox> mailboxes, Outbound outbound, String attachmentDirectory) {

    MailSettings {
        mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
        outbound = outbound == null ? new Outbound(false, null, null, null, null, null, null) : outbound;
        attachmentDirectory = attachmentDirectory == null || attachmentDirectory.isBlank() ? "./data/attachments" : attachmentDirectory;
    }

    /** What happens to a message in the mailbox once it is imported. */
    enum AfterImport { MARK_SEEN, MOVE, DELETE }

    /**
     * One IMAP mailbox.
     *
     * @param name        identifies the mailbox in the dedupe table and in Cockpit (e.g. its address)
     * @param tls         IMAPS (implicit TLS, port 993 by default); false means plain IMAP (port 143), for loopback tests only
     * @param password    from the environment, never committed
     * @param folder      the folder read (INBOX by default); only unseen messages are imported
     * @param afterImport MARK_SEEN (default), MOVE (to {@code moveTo}) or DELETE
     */
    record Mailbox(String name, String host, Integer port, Boolean tls, String username, String password,
                   String folder, AfterImport afterImport, String moveTo) {

        Mailbox {
            if (name == null || name.isBlank() || host == null || host.isBlank()) {
                throw new IllegalArgumentException("supportflow.mail.mailboxes[]: name and host are required");
            }
            tls = tls == null || tls;
            port = port != null ? port : tls ? 993 : 143;
            folder = folder == null || folder.isBlank() ? "INBOX" : folder;
            afterImport = afterImport == null ? AfterImport.MARK_SEEN : afterImport;
            if (afterImport == AfterImport.MOVE && (moveTo == null || moveTo.isBlank())) {
                throw new IllegalArgumentException("supportflow.mail.mailboxes[" + name + "]: after-import MOVE needs move-to");
            }
        }

        @Override
        public String toString() {
            return "Mailbox[" + name + ", " + username + "@" + host + ":" + port + (tls ? " TLS" : "") + ", " + folder + "]";
        }
    }

    /**
     * @param enabled             false (the default) sends nothing: no SMTP server is needed for the demo
     * @param fromAddress         the support address customers write to and see as sender (e.g. support@example.com);
     *                            replies go to its signed plus-address
     * @param fromName            the name shown as sender (the tenant's branding)
     * @param language            the templates' language for tickets without one (created before tickets had a
     *                            language); every other mail about a ticket is in the ticket's language
     * @param retryCycle          how often a failed send is retried before it becomes an incident (e.g. R3/PT1M)
     * @param acknowledgeChannels tickets from these channels get an acknowledgement with their number
     * @param maxAttachedBytes    a reply's files are attached up to this total (10 MB by default); a larger set is
     *                            offered as a link to the portal's ticket page instead
     */
    record Outbound(boolean enabled, String fromAddress, String fromName, String language, String retryCycle,
                    Set<Channel> acknowledgeChannels, Long maxAttachedBytes) {

        Outbound {
            language = language == null || language.isBlank() ? "en" : language;
            retryCycle = retryCycle == null || retryCycle.isBlank() ? "R3/PT1M" : retryCycle;
            acknowledgeChannels = acknowledgeChannels == null ? Set.of(Channel.EMAIL) : Set.copyOf(acknowledgeChannels);
            maxAttachedBytes = maxAttachedBytes == null ? 10L * 1024 * 1024 : maxAttachedBytes;
            if (enabled && (fromAddress == null || fromAddress.isBlank())) {
                throw new IllegalArgumentException("supportflow.mail.outbound.from-address is required when sending is enabled");
            }
        }
    }
}
