package io.supportflow.ai;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of processes/ticket-classification.bpmn and processes/answer-from-knowledge-base.bpmn. */
@Configuration(proxyBeanMethods = false)
class AiDelegates {

    @Bean
    JavaDelegate classifyTicket(TicketClassifier classifier) {
        return execution -> classifier.classify(id(execution, ClassificationProcess.TICKET_ID));
    }

    @Bean
    JavaDelegate assessReplySentiment(TicketClassifier classifier) {
        return execution -> classifier.assessReply(id(execution, ClassificationProcess.TICKET_ID),
                id(execution, ClassificationProcess.MESSAGE_ID));
    }

    @Bean
    JavaDelegate draftKbAnswer(KbAnswerer answerer) {
        return execution -> {
            KbAnswerer.DraftOutcome draft = answerer.draft(id(execution, KbAnswerProcess.TICKET_ID));
            execution.setVariable(KbAnswerProcess.SUGGESTION_ID, draft.suggestionId());
            execution.setVariable(KbAnswerProcess.CONFIDENCE, draft.confidence());
        };
    }

    @Bean
    JavaDelegate sendKbAnswer(KbAnswerer answerer) {
        return execution -> execution.setVariable(KbAnswerProcess.SENT,
                answerer.send(id(execution, KbAnswerProcess.TICKET_ID), id(execution, KbAnswerProcess.SUGGESTION_ID)));
    }

    @Bean
    JavaDelegate leaveDraftForAgent(KbAnswerer answerer) {
        return execution -> answerer.leaveDraftForAgent(id(execution, KbAnswerProcess.TICKET_ID),
                id(execution, KbAnswerProcess.SUGGESTION_ID), number(execution, KbAnswerProcess.CONFIDENCE),
                number(execution, KbAnswerProcess.THRESHOLD));
    }

    @Bean
    JavaDelegate resolveAnsweredTicket(KbAnswerer answerer) {
        return execution -> answerer.resolve(id(execution, KbAnswerProcess.TICKET_ID));
    }

    @Bean
    JavaDelegate handOverToAgent(KbAnswerer answerer) {
        return execution -> answerer.handOver(id(execution, KbAnswerProcess.TICKET_ID));
    }

    private static long id(DelegateExecution execution, String name) {
        return ((Number) execution.getVariable(name)).longValue();
    }

    private static double number(DelegateExecution execution, String name) {
        return ((Number) execution.getVariable(name)).doubleValue();
    }
}
