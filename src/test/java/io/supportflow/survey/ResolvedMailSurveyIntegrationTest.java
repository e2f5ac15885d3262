package io.supportflow.survey;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.supportflow.mail.MailOutbox;
import io.supportflow.mail.OutgoingMailProcess;
import io.supportflow.support.IntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The customer gets ONE mail when a ticket is resolved: the "resolved" mail carrying the CSAT survey's rating
 * links, sent by the survey's process (retries, skip when reopened); the mail capability's own "resolved"
 * notice is sent only when no survey is due (a second resolution after the survey was answered).
 */
@IntegrationTest
class ResolvedMailSurveyIntegrationTest {

    @LocalServerPort int port;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired SurveyRepository surveys;
    @Autowired MailOutbox outbox;
    @Autowired MailProperties smtpSettings;
    @Autowired JdbcClient jdbc;

    SurveyFixture fixture;
    GreenMail greenMail;

    @BeforeEach
    void init() {
        fixture = new SurveyFixture(port, surveys, management, outbox);
        greenMail = new GreenMail(new ServerSetup(smtpSettings.getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    @Test
    void theResolvedMailCarriesTheRatingLinksAndIsTheOnlyMailOfTheResolution() throws Exception {
        String domain = "r" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String number = fixture.newTicket("rita@" + domain, "billing", "Refund <please>");
        fixture.resolve(number);
        Survey csat = fixture.survey(number, Survey.Kind.CSAT);
        assertThat(resolvedMails(number)).as("nothing until the survey's send step runs").isEmpty();

        fixture.runSendStep(csat);
        sendQueuedMails(number);
        sendQueuedMails(number);

        assertThat(resolvedMails(number)).containsExactly("survey:" + csat.id());
        List<MimeMessage> received = List.of(greenMail.getReceivedMessagesForDomain(domain));
        assertThat(received).hasSize(1);
        MimeMessage mail = received.get(0);
        assertThat(mail.getSubject()).isEqualTo("[" + number + "] Your request is resolved: Refund <please>");
        String body = GreenMailUtil.getBody(mail);
        String link = fixture.link(csat);
        assertThat(body).contains("resolved").contains("Good, I'm satisfied").contains("Bad, I'm unsatisfied");
        String text = outbox.storedText("survey:" + csat.id()).orElseThrow();
        assertThat(text).contains(link + "&score=5").contains(link + "&score=1").contains("We consider your request " + number);
        // threaded with the ticket's conversation: a reply to it comes back to the ticket
        assertThat(mail.getReplyTo()[0].toString()).contains("+");

        // the link works; answered, the next resolution is mailed by the plain notice (no second survey)
        assertThat(fixture.answer(fixture.token(csat), Map.of("score", 5)).status()).isEqualTo(200);
        fixture.reopen(number);
        fixture.resolve(number);
        assertThat(resolvedMails(number)).hasSize(2).contains("survey:" + csat.id()).containsNull();
        sendQueuedMails(number);
        List<MimeMessage> all = List.of(greenMail.getReceivedMessagesForDomain(domain));
        assertThat(all).hasSize(2);
        assertThat(GreenMailUtil.getBody(all.get(1))).doesNotContain("survey.html");
    }

    @Test
    void aTicketReopenedBeforeTheSurveyLeftGetsNoResolvedMail() {
        String number = fixture.newTicket(SurveyFixture.uniqueEmail(), "billing", "Reopened quickly");
        fixture.resolve(number);
        Survey csat = fixture.survey(number, Survey.Kind.CSAT);
        fixture.reopen(number);
        fixture.runSendStep(csat);

        assertThat(surveys.find(csat.id()).orElseThrow().state()).isEqualTo(Survey.State.SKIPPED);
        assertThat(resolvedMails(number)).isEmpty();
    }

    /** The dedupe keys of the ticket's "resolved" mails (null: the plain notice), oldest first. */
    List<String> resolvedMails(String number) {
        return jdbc.sql("""
                SELECT m.dedupe_key FROM mail_outgoing m JOIN ticket t ON t.id = m.ticket_id
                WHERE t.number = ? AND m.kind = 'RESOLVED' ORDER BY m.id""").param(number).query(String.class).list();
    }

    void sendQueuedMails(String number) {
        runtime.createProcessInstanceQuery().processDefinitionKey(OutgoingMailProcess.PROCESS_KEY)
                .processInstanceBusinessKeyLike(number + "/mail/%").list()
                .forEach(p -> management.createJobQuery().processInstanceId(p.getId()).list()
                        .forEach(job -> management.executeJob(job.getId())));
    }
}
