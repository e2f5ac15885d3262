package io.supportflow.mail;

import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * processes/outgoing-mail.bpmn: the process key, its element ids and variable, its retry cycle
 * ({@code ${outgoingMail.retryCycle()}}), and how an instance is started for a stored mail.
 */
@Component("outgoingMail")
public class OutgoingMailProcess {

    public static final String PROCESS_KEY = "OutgoingMail";

    public static final class Elements {
        public static final String MAIL_QUEUED = "StartEvent_MailQueued";
        public static final String SEND_MAIL = "Task_SendMail";
        public static final String MAIL_SENT = "EndEvent_MailSent";

        private Elements() {
        }
    }

    /** Long: the id of the mail_outgoing row to send. */
    public static final String OUTGOING_MAIL_ID = "outgoingMailId";

    private final MailSettings settings;
    private final RuntimeService runtime;
    private final IdentityService identity;

    OutgoingMailProcess(MailSettings settings, RuntimeService runtime, IdentityService identity) {
        this.settings = settings;
        this.runtime = runtime;
        this.identity = identity;
    }

    public String retryCycle() {
        return settings.outbound().retryCycle();
    }

    /**
     * Starts the sending of a stored mail. The agent whose reply caused the mail may be logged in to the
     * engine (Tasklist) without any right on this process: the mail is the system's business, so the
     * start runs without the agent's engine authentication, which is restored afterwards.
     */
    void start(String ticketNumber, long outgoingMailId) {
        Authentication agent = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            runtime.createProcessInstanceByKey(PROCESS_KEY)
                    .businessKey(Objects.requireNonNull(ticketNumber) + "/mail/" + outgoingMailId)
                    .setVariable(OUTGOING_MAIL_ID, outgoingMailId)
                    .execute();
        } finally {
            if (agent != null) {
                identity.setAuthentication(agent);
            }
        }
    }
}
