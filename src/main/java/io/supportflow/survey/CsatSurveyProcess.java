package io.supportflow.survey;

/** processes/csat-survey.bpmn: its key, message, element ids and variables (nps-survey.bpmn shares the ids). */
final class CsatSurveyProcess {

    static final String KEY = "CsatSurvey";
    static final String ANSWERED_MESSAGE = "CsatSurveyAnswered";

    static final String SEND_TASK = "Task_SendSurvey";
    static final String SURVEY_SENT_GATEWAY = "Gateway_SurveySent";
    static final String ANSWER_OR_EXPIRY = "Gateway_AnswerOrExpiry";
    static final String ANSWERED_EVENT = "MessageEvent_SurveyAnswered";
    static final String EXPIRED_TIMER = "TimerEvent_SurveyExpired";
    static final String MARK_EXPIRED_TASK = "Task_MarkSurveyExpired";
    static final String END_ANSWERED = "EndEvent_SurveyAnswered";
    static final String END_EXPIRED = "EndEvent_SurveyExpired";
    static final String END_SKIPPED = "EndEvent_SurveySkipped";

    /** Process variables: the survey row, the link's expiry (the timer's date), and whether the mail left. */
    static final String SURVEY_ID = "surveyId";
    static final String EXPIRES_AT = "expiresAt";
    static final String SURVEY_SENT = "surveySent";

    private CsatSurveyProcess() {
    }
}
