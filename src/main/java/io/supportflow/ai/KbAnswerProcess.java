package io.supportflow.ai;

/** processes/answer-from-knowledge-base.bpmn: its key, element ids, message and variables. */
final class KbAnswerProcess {

    static final String KEY = "AnswerFromKnowledgeBase";
    static final String DRAFT_TASK = "Task_DraftAnswer";
    static final String CONFIDENT_GATEWAY = "Gateway_ConfidentEnough";
    static final String SEND_TASK = "Task_SendAnswer";
    static final String LEAVE_DRAFT_TASK = "Task_LeaveDraftForAgent";
    static final String END_DRAFT_HANDED_OVER = "EndEvent_DraftHandedOver";
    static final String END_AGENT_ANSWERED_FIRST = "EndEvent_AgentAnsweredFirst";
    static final String FEEDBACK_GATEWAY = "Gateway_CustomerFeedback";
    static final String CUSTOMER_ANSWERED = "MessageEvent_CustomerAnswered";
    static final String NO_FEEDBACK_TIMER = "TimerEvent_NoFeedback";
    static final String END_NO_FEEDBACK = "EndEvent_NoFeedback";
    static final String RESOLVE_TASK = "Task_ResolveTicket";
    static final String END_ANSWERED = "EndEvent_AnsweredFromKb";
    static final String HAND_OVER_TASK = "Task_HandOverToAgent";
    static final String END_HANDED_TO_AGENT = "EndEvent_CustomerHandedToAgent";

    /** The message a customer's next message sends to a waiting instance, with {@link #SOLVED}. */
    static final String FEEDBACK_MESSAGE = "KbAnswerFeedback";

    static final String TICKET_ID = "ticketId";
    static final String THRESHOLD = "confidenceThreshold";
    static final String CONFIDENCE = "confidence";
    static final String SUGGESTION_ID = "suggestionId";
    static final String SENT = "sent";
    static final String SOLVED = "solved";

    static String businessKey(String ticketNumber) {
        return ticketNumber + ":kb-answer";
    }

    private KbAnswerProcess() {
    }
}
