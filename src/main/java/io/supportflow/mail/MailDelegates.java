package io.supportflow.mail;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of processes/outgoing-mail.bpmn and processes/mail-polling.bpmn, each named after its element. */
@Configuration(proxyBeanMethods = false)
class MailDelegates {

    @Bean
    JavaDelegate sendMail(OutgoingMailSender sender) {
        return execution -> sender.send(((Number) execution.getVariable(OutgoingMailProcess.OUTGOING_MAIL_ID)).longValue());
    }

    /** A mailbox removed from the settings since the poll started is skipped. */
    @Bean
    JavaDelegate importMailbox(MailSettings settings, MailboxPoller poller) {
        return execution -> {
            String name = (String) execution.getVariable(MailPolling.MAILBOX);
            for (MailSettings.Mailbox mailbox : settings.mailboxes()) {
                if (mailbox.name().equals(name)) {
                    poller.poll(mailbox);
                }
            }
        };
    }
}
