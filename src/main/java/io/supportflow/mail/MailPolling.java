package io.supportflow.mail;

import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
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
    private final RepositoryService repository;

    MailPolling(MailSettings settings, RepositoryService repository) {
        this.settings = settings;
        this.repository = repository;
    }

    public List<String> mailboxNames() {
        return settings.mailboxes().stream().map(MailSettings.Mailbox::name).toList();
    }

    @EventListener(ApplicationStartedEvent.class)
    void applySettings() {
        pollOnlyWhenConfigured(!settings.mailboxes().isEmpty());
    }

    /**
     * Without mailboxes the poll timer is suspended, so an installation without email does not start
     * (and keep in its history) an empty poll every minute; with mailboxes it runs.
     */
    void pollOnlyWhenConfigured(boolean mailboxesConfigured) {
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
                .latestVersion().singleResult();
        if (latest == null || latest.isSuspended() != mailboxesConfigured) {
            return;
        }
        if (mailboxesConfigured) {
            repository.activateProcessDefinitionById(latest.getId(), true, null);
        } else {
            repository.suspendProcessDefinitionById(latest.getId(), true, null);
        }
    }
}
