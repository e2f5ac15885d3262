package io.supportflow.survey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The signed tokens in survey links: {@code <surveyId>.<expiry epoch seconds>.<HMAC-SHA256 of both, base64url>}.
 * Only SupportFlow can make one, it names one survey, and it stops working at its expiry; nothing else
 * is needed to answer the survey (no sign-in). A token that is malformed, tampered with or expired is
 * simply not valid: callers answer 404 and never say which.
 */
@Component
class SurveyLinks {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern TOKEN = Pattern.compile("^([1-9][0-9]{0,17})\\.([1-9][0-9]{0,11})\\.([A-Za-z0-9_-]{43})$");

    /** A valid token's survey and expiry. */
    record Claims(long surveyId, Instant expiresAt) {
    }

    private final SecretKeySpec key;

    SurveyLinks(SurveySettings settings) {
        if (settings.linkSecret().length() < SurveySettings.MIN_SECRET_LENGTH) {
            throw new IllegalStateException("supportflow.survey.link-secret (SUPPORTFLOW_SURVEY_LINK_SECRET) needs at least "
                    + SurveySettings.MIN_SECRET_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(settings.linkSecret().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    String token(long surveyId, Instant expiresAt) {
        String claims = surveyId + "." + expiresAt.getEpochSecond();
        return claims + "." + sign(claims);
    }

    /** The claims of a token that is well-formed, signed by us and not expired at {@code now}. */
    java.util.Optional<Claims> verify(String token, Instant now) {
        if (token == null || token.length() > 100) {
            return java.util.Optional.empty();
        }
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        String claims = m.group(1) + "." + m.group(2);
        byte[] expected = sign(claims).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, m.group(3).getBytes(StandardCharsets.US_ASCII))) {
            return java.util.Optional.empty();
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(m.group(2)));
        if (!now.isBefore(expiresAt)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Claims(Long.parseLong(m.group(1)), expiresAt));
    }

    private String sign(String claims) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(("survey:" + claims).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
