package io.supportflow.automation;

public enum ConditionOperator {
    EQUALS, NOT_EQUALS, IN, NOT_IN, CONTAINS, NOT_CONTAINS, MATCHES, IS_EMPTY, IS_NOT_EMPTY, GREATER_THAN, LESS_THAN
}
