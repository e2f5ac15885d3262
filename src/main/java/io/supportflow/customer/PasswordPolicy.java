package io.supportflow.customer;

import io.supportflow.common.InvalidInputException;
import io.supportflow.common.ProblemText;
import java.util.Locale;

/**
 * What a customer's password must be: 10 to 200 characters (NIST SP 800-63B: length, not composition
 * rules) and not the email address or its name part.
 */
final class PasswordPolicy {

    static final int MIN = 10;
    static final int MAX = 200;

    private PasswordPolicy() {
    }

    static void check(String field, String password, String email) {
        if (password == null || password.codePointCount(0, password.length()) < MIN) {
            throw new InvalidInputException(field, ProblemText.of("password.tooShort", MIN));
        }
        if (password.length() > MAX) {
            throw new InvalidInputException(field, ProblemText.of("password.tooLong", MAX));
        }
        if (password.isBlank()) {
            throw new InvalidInputException(field, ProblemText.of("password.blank"));
        }
        String lower = password.strip().toLowerCase(Locale.ROOT);
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String localPart = address.contains("@") ? address.substring(0, address.lastIndexOf('@')) : address;
        if (!address.isEmpty() && (lower.equals(address) || lower.equals(localPart))) {
            throw new InvalidInputException(field, ProblemText.of("password.isEmail"));
        }
    }
}
