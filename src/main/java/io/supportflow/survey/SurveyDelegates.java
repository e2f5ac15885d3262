package io.supportflow.survey;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of processes/csat-survey.bpmn and nps-survey.bpmn, beans named after their elements. */
@Configuration(proxyBeanMethods = false)
class SurveyDelegates {

    @Bean
    JavaDelegate sendSurvey(Surveys surveys) {
        return execution -> execution.setVariable(CsatSurveyProcess.SURVEY_SENT, surveys.send(surveyId(execution)));
    }

    @Bean
    JavaDelegate markSurveyExpired(Surveys surveys) {
        return execution -> surveys.expire(surveyId(execution));
    }

    private static long surveyId(DelegateExecution execution) {
        return ((Number) execution.getVariable(CsatSurveyProcess.SURVEY_ID)).longValue();
    }
}
