package io.supportflow.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
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
 * it once more under the same Message-ID, which mail clients show as one message.)
 */
@Component
class OutgoingMailSender {

    static final String AUTO_SUBMITTED = "Auto-Submitted";

    private final MailThreads threads;
    private final MailSettings settings;
    private final ObjectProvider<JavaMailSender> smtp;

    OutgoingMailSender(MailThreads threads, MailSettings settings, ObjectProvider<JavaMailSender> smtp) {
        if (settings.outbound().enabled() && smtp.getIfAvailable() == null) {
            throw new IllegalStateException("supportflow.mail.outbound.enabled is true but no SMTP server is configured: "
                    + "set SPRING_MAIL_HOST (spring.mail.host)");
        }
        this.threads = threads;
        this.settings = settings;
        this.smtp = smtp;
    }

    @Transactional
    void send(long outgoingMailId) throws MessagingException, UnsupportedEncodingException {
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
