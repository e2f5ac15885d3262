package io.supportflow.mail;

import java.util.Locale;

/**
 * One mailbox: the address (as written, case kept) and the decoded display name (may be null).
 */
public record MailAddress(String address, String name) {

    /** The local part before the '@' (the whole address when there is none). */
    public String localPart() {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    /** The domain after the '@', lower-cased ("" when there is none). */
    public String domain() {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** Addresses compare case-insensitively in practice (RFC 5321 allows case-sensitive local parts; no one uses them). */
    public boolean sameAddress(String other) {
        return other != null && address.equalsIgnoreCase(other.strip());
    }
}
