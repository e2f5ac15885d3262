package io.supportflow.portal;

import io.supportflow.common.InvalidInputException;
import io.supportflow.common.ProblemText;

/** Checks on text that arrives outside JSON (multipart fields), where the strict JSON reader does not look. */
final class PortalText {

    private PortalText() {
    }

    /** PostgreSQL cannot store NUL; refuse it with a 400 instead of failing later. */
    static String noNul(String field, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new InvalidInputException(field, ProblemText.of("portal.text.nul"));
        }
        return value;
    }
}
