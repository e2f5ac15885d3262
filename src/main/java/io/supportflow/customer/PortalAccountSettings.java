package io.supportflow.customer;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Customer accounts of the portal ({@code supportflow.portal}).
 *
 * @param signup                   who may create an account on their own
 * @param throttle                 limits on failed sign-ins and on mails sent on request
 * @param verificationLinkValidity how long an email-verification link works
 * @param resetLinkValidity        how long a password-reset link works
 */
@ConfigurationProperties("supportflow.portal")
record PortalAccountSettings(Signup signup, Throttle throttle, Duration verificationLinkValidity, Duration resetLinkValidity) {

    enum SignupMode {
        /** anyone with an email address they can prove */
        OPEN,
        /** addresses at one of {@code allowed-domains} only */
        DOMAINS,
        /** no self-service sign-up (accounts come from the desk, or OIDC sign-in of existing customers) */
        CLOSED
    }

    record Signup(SignupMode mode, List<String> allowedDomains) {

        Signup {
            mode = mode == null ? SignupMode.OPEN : mode;
            allowedDomains = allowedDomains == null ? List.of()
                    : allowedDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).toList();
        }

        /** Whether an address may get a new account. */
        boolean allows(String email) {
            String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            return switch (mode) {
                case OPEN -> true;
                case CLOSED -> false;
                case DOMAINS -> allowedDomains.contains(domain);
            };
        }
    }

    /**
     * @param accountFailures   failed sign-ins (password, token, second factor) per account within {@code window}
     *                          before the account is locked for {@code lockout}
     * @param addressFailures   the same per client address
     * @param window            the counting window
     * @param lockout           how long a lock lasts
     * @param mailsPerAccount   sign-up / reset mails to one address within {@code mailWindow}; more are silently not sent
     * @param requestsPerAddress sign-up and reset requests per client address within {@code mailWindow}
     * @param mailWindow        the window for the two limits above
     */
    record Throttle(int accountFailures, int addressFailures, Duration window, Duration lockout, int mailsPerAccount,
            int requestsPerAddress, Duration mailWindow) {

        Throttle {
            accountFailures = accountFailures > 0 ? accountFailures : 10;
            addressFailures = addressFailures > 0 ? addressFailures : 50;
            window = window == null ? Duration.ofMinutes(15) : window;
            lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
            mailsPerAccount = mailsPerAccount > 0 ? mailsPerAccount : 5;
            requestsPerAddress = requestsPerAddress > 0 ? requestsPerAddress : 30;
            mailWindow = mailWindow == null ? Duration.ofHours(1) : mailWindow;
        }
    }

    PortalAccountSettings {
        signup = signup == null ? new Signup(null, null) : signup;
        throttle = throttle == null ? new Throttle(0, 0, null, null, 0, 0, null) : throttle;
        verificationLinkValidity = verificationLinkValidity == null ? Duration.ofHours(24) : verificationLinkValidity;
        resetLinkValidity = resetLinkValidity == null ? Duration.ofHours(1) : resetLinkValidity;
    }
}
