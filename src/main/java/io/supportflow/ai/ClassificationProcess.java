package io.supportflow.ai;

/** processes/ticket-classification.bpmn: its key, element ids and variables. */
final class ClassificationProcess {

    static final String KEY = "TicketClassification";
    static final String CLASSIFY_TASK = "Task_ClassifyTicket";
    static final String SENTIMENT_TASK = "Task_AssessReplySentiment";
    static final String END_CLASSIFIED = "EndEvent_TicketClassified";
    static final String END_SENTIMENT = "EndEvent_SentimentRecorded";

    static final String TICKET_ID = "ticketId";
    static final String TRIGGER = "trigger";
    static final String MESSAGE_ID = "messageId";
    static final String CREATED = "created";
    static final String CUSTOMER_REPLIED = "customer_replied";

    static String businessKey(String ticketNumber) {
        return ticketNumber + ":classification";
    }

    private ClassificationProcess() {
    }
}
