package io.supportflow.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.mail.MailOutbox;
import io.supportflow.support.Api;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the account tests share: verified accounts, the mails we sent, TOTP codes, and a clean throttle. */
final class PortalAccountsTestSupport {

    static final String PASSWORD = "correct horse battery";
    private static final Pattern TOKEN = Pattern.compile("#token=([A-Za-z0-9_-]{43})");

    private PortalAccountsTestSupport() {
    }

    static String newEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.net";
    }

    /** A verified account with {@link #PASSWORD}. */
    static CustomerPrincipal verifiedAccount(CustomerAccounts accounts, String email) {
        CustomerPrincipal customer = accounts.create("Pat Portal", email, PASSWORD);
        accounts.markEmailVerified(customer.accountId());
        return customer;
    }

    /** A browser that has loaded a page, so it holds the XSRF-TOKEN cookie. */
    static Api browser(int port) {
        Api browser = Api.browser(port);
        browser.get("/api/portal/v1/auth/session");
        assertThat(browser.cookie("XSRF-TOKEN")).isNotBlank();
        return browser;
    }

    /** The text of the newest mail to the address whose dedupe key starts with the prefix, read through MailOutbox. */
    static String lastMail(JdbcClient jdbc, MailOutbox outbox, String recipient, String keyPrefix) {
        String key = jdbc.sql("""
                SELECT dedupe_key FROM mail_outgoing WHERE lower(recipient) = lower(:recipient) AND dedupe_key LIKE :prefix
                ORDER BY id DESC LIMIT 1""")
                .param("recipient", recipient).param("prefix", keyPrefix + "%").query(String.class).optional()
                .orElseThrow(() -> new AssertionError("no " + keyPrefix + " mail to " + recipient));
        return outbox.storedText(key).orElseThrow();
    }

    static int mailCount(JdbcClient jdbc, String recipient) {
        return jdbc.sql("SELECT count(*) FROM mail_outgoing WHERE lower(recipient) = lower(:recipient)")
                .param("recipient", recipient).query(Integer.class).single();
    }

    static String token(String mailText) {
        Matcher matcher = TOKEN.matcher(mailText);
        assertThat(matcher.find()).as("a link with a token in: %s", mailText).isTrue();
        return matcher.group(1);
    }

    /** The code an authenticator app shows now for a base32 secret. */
    static String totp(String base32Secret) {
        return Totp.hotp(Totp.fromBase32(base32Secret), Totp.stepAt(Instant.now().getEpochSecond()));
    }

    /** The code of the next step: a new code when the current one was just used (it is accepted one step early). */
    static String nextTotp(String base32Secret) {
        return Totp.hotp(Totp.fromBase32(base32Secret), Totp.stepAt(Instant.now().getEpochSecond()) + 1);
    }

    /** Every test signs in from 127.0.0.1: locks left by one test must not refuse the next one's attempts. */
    static void clearThrottle(JdbcClient jdbc) {
        jdbc.sql("DELETE FROM customer_auth_throttle").update();
    }
}
