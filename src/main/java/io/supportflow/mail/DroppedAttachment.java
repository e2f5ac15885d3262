package io.supportflow.mail;

/**
 * An attachment that was not kept because it exceeded a limit. The mail itself is still delivered
 * (the raw message keeps every byte), so the ticket can say what was left out and why.
 */
public record DroppedAttachment(String fileName, long size, Reason reason) {

    public enum Reason { TOO_LARGE, TOO_MANY }
}
