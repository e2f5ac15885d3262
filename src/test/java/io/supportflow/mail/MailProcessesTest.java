package io.supportflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.supportflow.support.IntegrationTest;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.Channel;
import io.supportflow.ticket.MessageBody;
import io.supportflow.ticket.Priority;
import io.supportflow.ticket.Ticket;
import io.supportflow.ticket.TicketCommands.NewTicket;
import io.supportflow.ticket.TicketService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every path of processes/outgoing-mail.bpmn and processes/mail-polling.bpmn on the real engine, mail servers on loopback. */
@IntegrationTest
class MailProcessesTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired TicketService tickets;
    @Autowired OutgoingMailSender sender;
    @Autowired MailSettings settings;
    @Autowired MailProperties smtpSettings;
    @Autowired JdbcClient jdbc;

    GreenMail greenMail;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpSettings.getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(settings.mailboxes().get(0).port(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        greenMail.setUser(settings.mailboxes().get(0).username(), settings.mailboxes().get(0).username(),
                settings.mailboxes().get(0).password());
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    @Test
    void aQueuedMailIsSentAsynchronouslyOnce() throws Exception {
        String customer = customer();
        ProcessInstance pi = outgoing(ticketFor(customer));

        assertThat(pi).isStarted().isWaitingAt(OutgoingMailProcess.Elements.SEND_MAIL);
        assertThat(greenMail.getReceivedMessagesForDomain(domain(customer))).isEmpty();
        execute(job(pi));

        assertThat(pi).hasPassedInOrder(OutgoingMailProcess.Elements.MAIL_QUEUED, OutgoingMailProcess.Elements.SEND_MAIL,
                OutgoingMailProcess.Elements.MAIL_SENT).isEnded();
        assertThat(greenMail.getReceivedMessagesForDomain(domain(customer))).hasSize(1);
        // the same mail sent again (a job run twice) is not repeated
        sender.send(mailId(pi));
        assertThat(greenMail.getReceivedMessagesForDomain(domain(customer))).hasSize(1);
    }

    @Test
    void aMailThatCannotBeSentEndsInAnIncidentAtSendMail() {
        greenMail.stop();
        ProcessInstance pi = outgoing(ticketFor(customer()));
        Job job = job(pi);

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> management.executeJob(job.getId()));
        }

        assertThat(pi).isWaitingAt(OutgoingMailProcess.Elements.SEND_MAIL);
        assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult().getActivityId())
                .isEqualTo(OutgoingMailProcess.Elements.SEND_MAIL);
    }

    @Test
    void eachPollImportsEveryConfiguredMailboxInItsOwnJob() throws Exception {
        GreenMailUtil.sendTextEmail(settings.mailboxes().get(0).username(), customer(), "Polled by the engine", "Hello", 
                new ServerSetup(smtpSettings.getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        ProcessInstance pi = startPoll();

        assertThat(pi).isWaitingAt(MailPolling.Elements.IMPORT_MAILBOX);
        List<Job> jobs = management.createJobQuery().processInstanceId(pi.getId()).list();
        assertThat(jobs).hasSize(settings.mailboxes().size());
        jobs.forEach(j -> management.executeJob(j.getId()));

        assertThat(pi).hasPassedInOrder(MailPolling.Elements.POLL_DUE, MailPolling.Elements.IMPORT_MAILBOX,
                MailPolling.Elements.MAILBOXES_POLLED).isEnded();
        assertThat(jdbc.sql("SELECT count(*) FROM ticket WHERE subject = 'Polled by the engine'").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aMailboxThatCannotBeReachedEndsInAnIncidentOfItsOwn() {
        greenMail.stop();
        ProcessInstance pi = startPoll();
        Job job = job(pi);
        assertThat(job.getRetries()).isEqualTo(3);

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> management.executeJob(job.getId()));
        }

        assertThat(pi).isWaitingAt(MailPolling.Elements.IMPORT_MAILBOX);
        assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult().getActivityId())
                .isEqualTo(MailPolling.Elements.IMPORT_MAILBOX);
        // the next poll is not blocked by the incident
        assertThat(management.createJobQuery().processDefinitionKey(MailPolling.PROCESS_KEY).timers().count()).isEqualTo(1);
    }

    @Test
    void withoutMailboxesThePollTimerIsSuspended(@Autowired MailPolling polling) {
        polling.pollOnlyWhenConfigured(false);
        try {
            assertThat(management.createJobQuery().processDefinitionKey(MailPolling.PROCESS_KEY).timers().active().count()).isZero();
        } finally {
            polling.pollOnlyWhenConfigured(true);
        }
        assertThat(management.createJobQuery().processDefinitionKey(MailPolling.PROCESS_KEY).timers().active().count()).isEqualTo(1);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /** Fires the poll timer as the job executor would, and returns the poll it started. */
    ProcessInstance startPoll() {
        List<String> before = runtime.createProcessInstanceQuery().processDefinitionKey(MailPolling.PROCESS_KEY).list()
                .stream().map(ProcessInstance::getId).toList();
        Job timer = management.createJobQuery().processDefinitionKey(MailPolling.PROCESS_KEY).timers().singleResult();
        management.executeJob(timer.getId());
        return runtime.createProcessInstanceQuery().processDefinitionKey(MailPolling.PROCESS_KEY).list().stream()
                .filter(p -> !before.contains(p.getId())).findFirst().orElseThrow();
    }

    Ticket ticketFor(String customer) {
        return tickets.create(new NewTicket("Process test", "Hello.", MessageBody.Format.TEXT, "Process Test", customer,
                Priority.LOW, null, List.of(), Map.of(), Channel.EMAIL), Actor.customer(customer, "Process Test"));
    }

    ProcessInstance outgoing(Ticket ticket) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(OutgoingMailProcess.PROCESS_KEY)
                .processInstanceBusinessKeyLike(ticket.getNumber() + "/mail/%").singleResult();
    }

    long mailId(ProcessInstance pi) {
        return Long.parseLong(pi.getBusinessKey().substring(pi.getBusinessKey().lastIndexOf('/') + 1));
    }

    static String customer() {
        return "someone@p" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    static String domain(String address) {
        return address.substring(address.indexOf('@') + 1);
    }
}
