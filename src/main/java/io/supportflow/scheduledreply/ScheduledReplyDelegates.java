package io.supportflow.scheduledreply;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of processes/scheduled-reply.bpmn, beans named after their elements. */
@Configuration(proxyBeanMethods = false)
class ScheduledReplyDelegates {

    @Bean
    JavaDelegate sendScheduledReply(ScheduledReplies replies) {
        return execution -> replies.send(((Number) execution.getVariable(ScheduledReplyProcess.REPLY_ID)).longValue());
    }
}
