package io.supportflow.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends one stored mail over SMTP. The row is locked and marked sent in the transaction of the send,
 * so a retry after a failure sends the same message (same Message-ID), and a mail already sent is
 * never sent again. (Should the commit fail after the SMTP server accepted the mail, the retry sends
 * it once more under the same Message-ID, which mail clients show as one message.) A reply's files are
 * attached when the mail says so ({@code attach_files}, decided when it was composed); they never change.
 */
@Component
class OutgoingMailSender {

    static final String AUTO_SUBMITTED = "Auto-Submitted";

    private final MailThreads threads;
    private final MailSettings settings;
    private final ObjectProvider<JavaMailSender> smtp;
    private final MailAttachments attachments;

    OutgoingMailSender(MailThreads threads, MailSettings settings, ObjectProvider<JavaMailSender> smtp, MailAttachments attachments) {
        this.attachments = attachments;
        if (settings.outbound().enabled() && smtp.getIfAvailable() == null) {
            throw new IllegalStateException("supportflow.mail.outbound.enabled is true but no SMTP server is configured: "
                    + "set SPRING_MAIL_HOST (spring.mail.host)");
        }
        this.threads = threads;
        this.settings = settings;
        this.smtp = smtp;
    }

    @Transactional
    void send(long outgoingMailId) throws MessagingException, IOException {
        MailThreads.Outgoing mail = threads.lockOutgoing(outgoingMailId)
                .orElseThrow(() -> new IllegalStateException("no outgoing mail " + outgoingMailId));
        if (mail.sent()) {
            return;
        }
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("no SMTP server configured (spring.mail.host): mail " + outgoingMailId + " waits");
        }
        MimeMessage message = new StableIdMessage(
                sender instanceof JavaMailSenderImpl impl ? impl.getSession() : null, mail.messageId());
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(settings.outbound().fromAddress(), settings.outbound().fromName());
        helper.setTo(mail.recipient());
        helper.setReplyTo(mail.replyTo());
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        if (mail.attachFiles() && mail.ticketId() != null && mail.ticketMessageId() != null) {
            for (MailAttachments.Stored file : attachments.ofMessage(mail.ticketId(), mail.ticketMessageId())) {
                helper.getRootMimeMultipart().addBodyPart(attachment(file));
            }
        }
        if (mail.inReplyTo() != null) {
            message.setHeader("In-Reply-To", "<" + mail.inReplyTo() + ">");
        }
        if (mail.references() != null) {
            message.setHeader("References", mail.references());
        }
        message.setHeader(InboundMailParser.ORIGIN_HEADER, settings.originId());
        // ask other systems' auto-responders not to answer us: no mail loops
        message.setHeader("X-Auto-Response-Suppress", "All");
        if (mail.kind() == MailThreads.Kind.ACKNOWLEDGEMENT) {
            message.setHeader(AUTO_SUBMITTED, "auto-replied");
        }
        sender.send(message);
        threads.markSent(outgoingMailId, ClockUtil.now().toInstant());
    }

    /**
     * One file as a MIME part, always base64: every byte arrives as stored (text/* in 7bit or quoted-printable
     * would have its line ends rewritten on the way).
     */
    private MimeBodyPart attachment(MailAttachments.Stored file) throws MessagingException, IOException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachments.bytes(file), file.contentType())));
        part.setDisposition(Part.ATTACHMENT);
        part.setFileName(MimeUtility.encodeText(file.fileName(), StandardCharsets.UTF_8.name(), null));
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /** Keeps the Message-ID we generated and stored, instead of the new one JavaMail sets on every save. */
    static final class StableIdMessage extends MimeMessage {

        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + messageId + ">");
        }
    }
}
