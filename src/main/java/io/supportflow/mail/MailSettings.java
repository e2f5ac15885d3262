package io.supportflow.mail;

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
 */
@ConfigurationProperties("supportflow.mail")
record MailSettings(String tokenSecret, String originId, String messageIdDomain, Long maxMessageBytes,
                    Integer maxAttachments, Long maxAttachmentBytes, String subjectTicketPattern) {
}
