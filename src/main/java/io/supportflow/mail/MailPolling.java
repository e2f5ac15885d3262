package io.supportflow.mail;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * processes/mail-polling.bpmn: the process key, its element ids, its variable, and the mailbox list
 * its multi-instance task reads ({@code ${mailPolling.mailboxNames()}}).
 * <p>
 * Why the engine and not a Spring scheduler: a timer job runs on exactly one node of a cluster (the
 * engine's job locking, no home-made coordination), a failing mailbox retries and ends in an incident
 * shown in Cockpit, and the poll interval and retries are part of a diagram a process owner can read.
 */
@Component("mailPolling")
public class MailPolling {

    public static final String PROCESS_KEY = "MailPolling";

    public static final class Elements {
        public static final String POLL_DUE = "StartEvent_PollDue";
        public static final String IMPORT_MAILBOX = "Task_ImportMailbox";
        public static final String MAILBOXES_POLLED = "EndEvent_MailboxesPolled";

        private Elements() {
        }
    }

    /** String: the name of the mailbox one instance of "Import mailbox" polls. */
    public static final String MAILBOX = "mailbox";

    private final MailSettings settings;

    MailPolling(MailSettings settings) {
        this.settings = settings;
    }

    public List<String> mailboxNames() {
        return settings.mailboxes().stream().map(MailSettings.Mailbox::name).toList();
    }
}
