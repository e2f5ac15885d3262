package io.supportflow.survey;

import org.springframework.stereotype.Component;

/**
 * {@code ${surveyMail.retryCycle()}} in processes/csat-survey.bpmn and nps-survey.bpmn: how often a failed
 * survey mail is retried before it becomes an incident. Public only because the engine's expression
 * language calls methods of public classes.
 */
@Component("surveyMail")
public class SurveyMail {

    private final String retryCycle;

    SurveyMail(SurveySettings settings) {
        this.retryCycle = settings.sendRetryCycle();
    }

    public String retryCycle() {
        return retryCycle;
    }
}
