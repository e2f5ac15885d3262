package io.supportflow.survey;

/**
 * processes/nps-survey.bpmn: its key and message. Its elements and variables have the ids of
 * csat-survey.bpmn ({@link CsatSurveyProcess}): the same steps for the other survey.
 */
final class NpsSurveyProcess {

    static final String KEY = "NpsSurvey";
    static final String ANSWERED_MESSAGE = "NpsSurveyAnswered";

    static String key(Survey.Kind kind) {
        return kind == Survey.Kind.CSAT ? CsatSurveyProcess.KEY : KEY;
    }

    static String answeredMessage(Survey.Kind kind) {
        return kind == Survey.Kind.CSAT ? CsatSurveyProcess.ANSWERED_MESSAGE : ANSWERED_MESSAGE;
    }

    private NpsSurveyProcess() {
    }
}
