package io.supportflow.automation;

/** The message an event is about (MESSAGE_ADDED): its plain text, who wrote it (CUSTOMER, AGENT, SYSTEM), internal or not. */
public record MessageFacts(String text, String authorType, boolean internal) {
}
