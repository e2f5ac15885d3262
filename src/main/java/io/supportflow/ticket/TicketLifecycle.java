package io.supportflow.ticket;

/**
 * Everything code and tests may know about processes/ticket-lifecycle.bpmn: its key, the ids of
 * the elements that matter, its messages and its (few, plain) variables. The process owner may
 * redraw the rest of the diagram freely.
 */
public final class TicketLifecycle {

    public static final String PROCESS_KEY = "TicketLifecycle";
    public static final String ROUTING_DECISION = "TicketRouting";

    public static final class Elements {
        public static final String START = "StartEvent_TicketCreated";
        public static final String ROUTE_TICKET = "Task_RouteTicket";
        public static final String ASSIGN_TEAM = "Task_AssignTeam";
        public static final String RESPOND_TO_CUSTOMER = "Task_RespondToCustomer";
        public static final String TICKET_SNOOZED = "BoundaryEvent_TicketSnoozed";
        public static final String SNOOZED = "Gateway_Snoozed";
        public static final String SNOOZE_ENDED = "TimerEvent_SnoozeEnded";
        public static final String CUSTOMER_REPLIED_WHILE_SNOOZED = "MessageEvent_CustomerRepliedWhileSnoozed";
        public static final String WORK_RESUMED_WHILE_SNOOZED = "MessageEvent_WorkResumedWhileSnoozed";
        public static final String END_SNOOZE = "Task_EndSnooze";
        public static final String STATUS_AFTER_RESPONSE = "Gateway_StatusAfterResponse";
        public static final String WAITING_ON_CUSTOMER = "Gateway_WaitingOnCustomer";
        public static final String CUSTOMER_REPLIED = "MessageEvent_CustomerReplied";
        public static final String WORK_RESUMED = "MessageEvent_WorkResumed";
        public static final String REMINDER_DUE = "TimerEvent_ReminderDue";
        public static final String REMIND_CUSTOMER = "Task_RemindCustomer";
        public static final String WAITING_AFTER_REMINDER = "Gateway_WaitingAfterReminder";
        public static final String CUSTOMER_REPLIED_AFTER_REMINDER = "MessageEvent_CustomerRepliedAfterReminder";
        public static final String WORK_RESUMED_AFTER_REMINDER = "MessageEvent_WorkResumedAfterReminder";
        public static final String AUTO_CLOSE_AFTER_REMINDER = "TimerEvent_AutoCloseAfterReminder";
        public static final String WAITING_ON_THIRD_PARTY = "Gateway_WaitingOnThirdParty";
        public static final String CUSTOMER_REPLIED_ON_HOLD = "MessageEvent_CustomerRepliedOnHold";
        public static final String WORK_RESUMED_ON_HOLD = "MessageEvent_WorkResumedOnHold";
        public static final String RESOLVED = "Gateway_Resolved";
        public static final String CUSTOMER_REOPENED = "MessageEvent_CustomerReopened";
        public static final String AGENT_REOPENED = "MessageEvent_AgentReopened";
        public static final String AUTO_CLOSE_AFTER_RESOLVED = "TimerEvent_AutoCloseAfterResolved";
        public static final String CLOSE_TICKET = "Task_CloseTicket";
        public static final String TICKET_CLOSED = "EndEvent_TicketClosed";
        public static final String TICKET_MERGED = "StartEvent_TicketMerged";
        public static final String MERGED_END = "EndEvent_TicketMerged";
        public static final String TICKET_CANCELLED = "StartEvent_TicketCancelled";
        public static final String CANCELLED_END = "EndEvent_TicketCancelled";

        private Elements() {
        }
    }

    public static final class Messages {
        public static final String CUSTOMER_REPLIED = "CustomerReplied";
        public static final String WORK_RESUMED = "WorkResumed";
        public static final String TICKET_SNOOZED = "TicketSnoozed";
        public static final String TICKET_MERGED = "TicketMerged";
        public static final String TICKET_CANCELLED = "TicketCancelled";

        private Messages() {
        }
    }

    public static final class Variables {
        /** Long: the ticket row's id. */
        public static final String TICKET_ID = "ticketId";
        /** String: the ticket's status, read by the gateway after each response. */
        public static final String STATUS = "status";
        /** String: the team (candidate group) chosen by routing. */
        public static final String TEAM = "team";
        /** Date: when a snoozed ticket comes back. */
        public static final String SNOOZE_UNTIL = "snoozeUntil";

        private Variables() {
        }
    }

    /**
     * Fields of the "Respond to customer" form: local to the task's execution, so they never
     * become process variables. The first group is shown, the second is what the agent submits.
     */
    public static final class FormFields {
        public static final String TICKET_NUMBER = "ticketNumber";
        public static final String SUBJECT = "subject";
        public static final String REQUESTER = "requester";
        public static final String PRIORITY = "priority";
        public static final String CURRENT_STATUS = "currentStatus";
        public static final String CONVERSATION = "conversation";

        public static final String REPLY = "reply";
        public static final String INTERNAL_NOTE = "internalNote";
        public static final String NEXT_STATUS = "nextStatus";
        public static final String NEW_PRIORITY = "newPriority";
        public static final String TAGS = "tags";

        private FormFields() {
        }
    }

    private TicketLifecycle() {
    }
}
