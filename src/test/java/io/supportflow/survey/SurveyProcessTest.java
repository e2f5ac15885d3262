package io.supportflow.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.supportflow.mail.MailOutbox;
import io.supportflow.support.IntegrationTest;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every path of processes/csat-survey.bpmn and nps-survey.bpmn on the real engine, from a ticket resolved
 * through the agents' API: sent then answered, sent then expired unanswered, and skipped because the
 * ticket was reopened before the mail left.
 */
@IntegrationTest
class SurveyProcessTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired SurveyRepository surveys;
    @Autowired MailOutbox outbox;
    @Autowired SurveySettings settings;
    @Autowired Surveys service;

    SurveyFixture fixture;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
        fixture = new SurveyFixture(port, surveys, management, outbox);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @ParameterizedTest
    @EnumSource(Survey.Kind.class)
    void sentThenAnswered(Survey.Kind kind) {
        String number = fixture.newTicket(SurveyFixture.uniqueEmail(), "billing", "Answered " + kind);
        fixture.resolve(number);
        Survey survey = fixture.survey(number, kind);
        ProcessInstance instance = instance(survey);
        assertThat(instance).hasProcessDefinitionKey(NpsSurveyProcess.key(kind)).hasBusinessKey(number)
                .isWaitingAt(CsatSurveyProcess.SEND_TASK);
        assertThat(instance).job().hasActivityId(CsatSurveyProcess.SEND_TASK);

        fixture.runSendStep(survey);
        assertThat(instance).hasPassedInOrder(CsatSurveyProcess.SEND_TASK, CsatSurveyProcess.SURVEY_SENT_GATEWAY);
        assertThat(instance).isWaitingAt(CsatSurveyProcess.ANSWER_OR_EXPIRY);
        assertThat(runtime.createEventSubscriptionQuery().processInstanceId(instance.getId()).activityId(CsatSurveyProcess.ANSWERED_EVENT)
                .count()).isEqualTo(1);
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).activityId(CsatSurveyProcess.EXPIRED_TIMER).count())
                .isEqualTo(1);
        assertThat(surveys.find(survey.id()).orElseThrow().state()).isEqualTo(Survey.State.SENT);

        int score = kind == Survey.Kind.CSAT ? 5 : 9;
        assertThat(fixture.answer(fixture.token(survey), Map.of("score", score)).status()).isEqualTo(200);

        assertThat(instance).hasPassedInOrder(CsatSurveyProcess.ANSWER_OR_EXPIRY, CsatSurveyProcess.ANSWERED_EVENT,
                CsatSurveyProcess.END_ANSWERED).isEnded();
        assertThat(instance).hasNotPassed(CsatSurveyProcess.EXPIRED_TIMER);
        Survey answered = surveys.find(survey.id()).orElseThrow();
        assertThat(answered.state()).isEqualTo(Survey.State.ANSWERED);
        assertThat(answered.score()).isEqualTo(score);
        // a later change of mind only updates the row: the process has ended and nothing else starts
        assertThat(fixture.answer(fixture.token(survey), Map.of("score", score - 1)).status()).isEqualTo(200);
        assertThat(surveys.find(survey.id()).orElseThrow().score()).isEqualTo(score - 1);
    }

    @ParameterizedTest
    @EnumSource(Survey.Kind.class)
    void sentThenExpiredUnanswered(Survey.Kind kind) {
        String number = fixture.newTicket(SurveyFixture.uniqueEmail(), "technical", "Expired " + kind);
        fixture.resolve(number);
        Survey survey = fixture.survey(number, kind);
        ProcessInstance instance = instance(survey);
        fixture.runSendStep(survey);
        String token = fixture.token(survey);
        assertThat(survey.expiresAt()).isEqualTo(survey.createdAt().plus(settings.expiry(kind)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

        Job timer = management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(survey.expiresAt());
        ClockUtil.setCurrentTime(Date.from(survey.expiresAt().minusSeconds(1)));
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().executable().count()).isZero();
        ClockUtil.setCurrentTime(Date.from(survey.expiresAt()));
        management.executeJob(timer.getId());

        assertThat(instance).hasPassedInOrder(CsatSurveyProcess.ANSWER_OR_EXPIRY, CsatSurveyProcess.EXPIRED_TIMER,
                CsatSurveyProcess.MARK_EXPIRED_TASK,
                CsatSurveyProcess.END_EXPIRED).isEnded();
        assertThat(instance).hasNotPassed(CsatSurveyProcess.ANSWERED_EVENT);
        assertThat(surveys.find(survey.id()).orElseThrow().state()).isEqualTo(Survey.State.EXPIRED);
        // the link no longer works
        assertThat(fixture.answer(token, Map.of("score", 3)).status()).isEqualTo(404);
        assertThat(Survey.State.EXPIRED).isEqualTo(surveys.find(survey.id()).orElseThrow().state());

        if (kind == Survey.Kind.CSAT) {
            // an expired, unanswered CSAT survey lets the next resolution ask again
            fixture.reopen(number);
            fixture.resolve(number);
            Survey second = fixture.survey(number, kind);
            assertThat(second.id()).isNotEqualTo(survey.id());
            assertThat(instance(second)).isWaitingAt(CsatSurveyProcess.SEND_TASK);
        }
    }

    @ParameterizedTest
    @EnumSource(Survey.Kind.class)
    void skippedWhenTheTicketIsReopenedBeforeTheMailLeaves(Survey.Kind kind) {
        String number = fixture.newTicket(SurveyFixture.uniqueEmail(), "billing", "Skipped " + kind);
        fixture.resolve(number);
        Survey survey = fixture.survey(number, kind);
        ProcessInstance instance = instance(survey);
        fixture.reopen(number);

        fixture.runSendStep(survey);

        assertThat(instance).hasPassedInOrder(CsatSurveyProcess.SEND_TASK, CsatSurveyProcess.SURVEY_SENT_GATEWAY,
                CsatSurveyProcess.END_SKIPPED).isEnded();
        assertThat(instance).hasNotPassed(CsatSurveyProcess.ANSWER_OR_EXPIRY);
        Survey skipped = surveys.find(survey.id()).orElseThrow();
        assertThat(skipped.state()).isEqualTo(Survey.State.SKIPPED);
        assertThat(skipped.sentAt()).isNull();
        assertThat(outbox.storedText("survey:" + survey.id())).isEmpty();
        // a link made for it anyway (it never was) would not work
        assertThat(fixture.answer(new SurveyLinks(settings).token(survey.id(), survey.expiresAt()), Map.of("score", 5)).status())
                .isEqualTo(404);

        // the next resolution asks again: CSAT for this ticket, NPS for this customer
        fixture.resolve(number);
        Survey next = fixture.survey(number, kind);
        assertThat(next.id()).isNotEqualTo(survey.id());
        assertThat(next.state()).isEqualTo(Survey.State.PENDING);
    }

    @ParameterizedTest
    @EnumSource(Survey.Kind.class)
    void aSendStepRunTwiceMailsOnce(Survey.Kind kind) {
        String number = fixture.newTicket(SurveyFixture.uniqueEmail(), "billing", "Twice " + kind);
        fixture.resolve(number);
        Survey survey = fixture.survey(number, kind);
        fixture.runSendStep(survey);
        String first = outbox.storedText("survey:" + survey.id()).orElseThrow();

        // the job runs again (e.g. its transaction's commit was lost): the survey is already sent, no second mail
        assertThat(service.send(survey.id())).isTrue();

        assertThat(outbox.storedText("survey:" + survey.id())).contains(first);
        assertThat(surveys.find(survey.id()).orElseThrow().state()).isEqualTo(Survey.State.SENT);
    }

    private ProcessInstance instance(Survey survey) {
        assertThat(survey.processInstanceId()).isNotNull();
        return runtime.createProcessInstanceQuery().processInstanceId(survey.processInstanceId()).singleResult();
    }
}
