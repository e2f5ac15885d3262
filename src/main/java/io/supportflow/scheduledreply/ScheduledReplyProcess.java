package io.supportflow.scheduledreply;

/** processes/scheduled-reply.bpmn: its key, element ids and variables. */
final class ScheduledReplyProcess {

    static final String KEY = "ScheduledReply";
    static final String TIMER = "TimerEvent_SendTimeReached";
    static final String SEND_TASK = "Task_SendScheduledReply";
    static final String END_SENT = "EndEvent_ReplySent";

    /** Process variables: the row's id and the time the timer waits for. */
    static final String REPLY_ID = "scheduledReplyId";
    static final String SEND_AT = "sendAt";

    private ScheduledReplyProcess() {
    }
}
