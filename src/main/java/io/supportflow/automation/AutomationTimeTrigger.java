package io.supportflow.automation;

/** processes/automation-time-trigger.bpmn: its key, element ids and variables. */
public final class AutomationTimeTrigger {

    public static final String PROCESS_KEY = "AutomationTimeTrigger";

    public static final class Elements {
        public static final String START = "StartEvent_ConditionBecameTrue";
        public static final String CONDITION_DUE = "TimerEvent_ConditionDue";
        public static final String CHECK_CONDITION = "Task_CheckCondition";
        public static final String STILL_TRUE = "Gateway_StillTrue";
        public static final String FIRE_RULE = "Task_FireRule";
        public static final String RULE_FIRED = "EndEvent_RuleFired";
        public static final String NO_LONGER_TRUE = "EndEvent_ConditionNoLongerTrue";

        private Elements() {
        }
    }

    public static final class Variables {
        /** Long: the ticket's id. */
        public static final String TICKET_ID = "ticketId";
        /** String: the stored rule's id. */
        public static final String RULE_ID = "ruleId";
        /** String: STATUS_FOR or UNASSIGNED_FOR. */
        public static final String TRIGGER = "trigger";
        /** String: the state that must last: the status (STATUS_FOR) or "unassigned". */
        public static final String STATE = "state";
        /** Date: when the state has lasted the rule's "after". */
        public static final String DUE_AT = "dueAt";
        /** Boolean, set by "Check condition". */
        public static final String STILL_TRUE = "stillTrue";

        private Variables() {
        }
    }

    private AutomationTimeTrigger() {
    }
}
