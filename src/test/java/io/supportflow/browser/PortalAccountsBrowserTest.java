package io.supportflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.mail.MailOutbox;
import io.supportflow.support.Browser;
import io.supportflow.support.BrowserTest;
import io.supportflow.support.IntegrationTest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A customer, in headless Chromium: signs up, follows the mailed verification link, signs in, turns on
 * two-factor sign-in (the test plays the authenticator app with the key the page shows), signs out, signs in
 * with password and code, resets the password by mail and signs in with a recovery code. Screenshots of every
 * page go to target/screenshots/portal-*.png.
 */
@IntegrationTest
@BrowserTest(failureScreenshot = "portal-accounts-failure")
class PortalAccountsBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    MailOutbox outbox;

    @Autowired
    JdbcClient jdbc;

    WebDriver browser;
    WebDriverWait wait;

    @AfterEach
    void close() {
        jdbc.sql("DELETE FROM customer_auth_throttle").update();
    }

    @Test
    void signUpVerifySignInWithTwoFactorAndResetThePassword() {
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        walkThrough();
    }

    private void walkThrough() {
        String email = "browser-" + UUID.randomUUID() + "@example.net";
        String password = "my browser password";

        // sign up
        open("/portal/signup.html");
        type("name", "Bea Browser");
        type("email", email);
        type("password", password);
        Browser.screenshot(browser, "portal-signup");
        click("signup-button");
        assertThat(visible("signup-done").getText()).contains("Check your mailbox");

        // the mailed link
        browser.get(link(email, "account-verify:"));
        assertThat(visible("verify-ok").getText()).contains("confirmed");
        assertThat(browser.getCurrentUrl()).doesNotContain("token=");
        Browser.screenshot(browser, "portal-verify");

        // sign in, then the security page
        open("/portal/signin.html?next=/portal/security.html");
        type("email", email);
        type("password", password);
        Browser.screenshot(browser, "portal-signin");
        click("signin-button");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signed-in-as"), email));
        assertThat(visible("tf-status").getText()).isEqualTo("Off");
        Browser.screenshot(browser, "portal-security");

        // enrol an authenticator
        click("enrol");
        String secret = visible("secret").getText();
        assertThat(secret).matches("[A-Z2-7]{32}");
        WebElement qr = visible("qr");
        assertThat(qr.getAttribute("src")).startsWith("data:image/svg+xml;base64,");
        assertThat(qr.getSize().getWidth()).isGreaterThan(100);
        Browser.screenshot(browser, "portal-security-enrol");
        type("enrol-code", nextCode(secret));
        click("confirm");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#recovery-codes li"), 10));
        List<String> recoveryCodes = browser.findElements(By.cssSelector("#recovery-codes li")).stream().map(WebElement::getText).toList();
        wait.until(ExpectedConditions.textToBe(By.id("tf-status"), "On"));
        Browser.screenshot(browser, "portal-security-recovery-codes");

        // sign out, and in again: the password alone leads to the code step
        click("signout");
        wait.until(ExpectedConditions.urlContains("/portal/signin.html"));
        visible("email");
        assertThat(browser.findElements(By.cssSelector("#providers a"))).isEmpty();
        type("email", email);
        type("password", password);
        click("signin-button");
        visible("code-step");
        String good = nextCode(secret);
        type("code", "000000".equals(good) ? "111111" : "000000");
        click("code-button");
        assertThat(visible("code-error").getText()).contains("wrong");
        Browser.screenshot(browser, "portal-signin-code");
        type("code", good);
        click("code-button");
        wait.until(ExpectedConditions.urlContains("/portal/"));
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("signin.html")));
        open("/portal/security.html");
        wait.until(ExpectedConditions.textToBe(By.id("tf-status"), "On"));
        assertThat(visible("tf-codes-left").getText()).contains("10");

        // forgot the password: reset by mail
        click("signout");
        wait.until(ExpectedConditions.urlContains("/portal/signin.html"));
        open("/portal/forgot.html");
        type("email", email);
        click("forgot-button");
        visible("forgot-done");
        Browser.screenshot(browser, "portal-forgot");
        browser.get(link(email, "password-reset:"));
        type("password", "a brand new password");
        click("reset-button");
        visible("reset-done");
        Browser.screenshot(browser, "portal-reset");

        // the new password and a recovery code; French on the way
        open("/portal/signin.html?next=/portal/security.html");
        new org.openqa.selenium.support.ui.Select(visible("lang")).selectByValue("fr");
        wait.until(ExpectedConditions.textToBe(By.id("signin-button"), "Se connecter"));
        type("email", email);
        type("password", "a brand new password");
        click("signin-button");
        visible("code-step");
        Browser.screenshot(browser, "portal-signin-code-fr");
        type("code", recoveryCodes.get(0));
        click("code-button");
        wait.until(ExpectedConditions.textToBe(By.id("tf-status"), "Activée"));
        assertThat(visible("tf-codes-left").getText()).contains("9");
        Browser.screenshot(browser, "portal-security-fr");
        new org.openqa.selenium.support.ui.Select(visible("lang")).selectByValue("en");

        // a narrow screen: the forms still fit
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        open("/portal/signin.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
        assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
        Browser.screenshot(browser, "portal-signin-mobile");
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private WebElement visible(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private void type(String id, String text) {
        WebElement field = visible(id);
        field.clear();
        field.sendKeys(text);
    }

    private void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** The link in the newest mail of this kind to the address, as the customer's mail client shows it. */
    private String link(String email, String keyPrefix) {
        String key = jdbc.sql("SELECT dedupe_key FROM mail_outgoing WHERE recipient = :r AND dedupe_key LIKE :p ORDER BY id DESC LIMIT 1")
                .param("r", email).param("p", keyPrefix + "%").query(String.class).single();
        Matcher matcher = Pattern.compile("(http://\\S+#token=[A-Za-z0-9_-]+)").matcher(outbox.storedText(key).orElseThrow());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private long lastStep;

    /** The next code the server has not seen: the current step's, or the following one's when the current one was used. */
    private String nextCode(String base32) {
        long now = Instant.now().getEpochSecond() / 30;
        lastStep = Math.max(now, lastStep + 1);
        return code(base32, lastStep);
    }

    /** The authenticator app: RFC 6238 TOTP for the base32 key at a 30-second step. */
    private static String code(String base32, long step) {
        try {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            ByteBuffer key = ByteBuffer.allocate(base32.length() * 5 / 8);
            int buffer = 0;
            int bits = 0;
            for (char c : base32.toCharArray()) {
                buffer = (buffer << 5) | alphabet.indexOf(c);
                bits += 5;
                if (bits >= 8) {
                    key.put((byte) (buffer >> (bits - 8)));
                    bits -= 8;
                }
            }
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.array(), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0xf;
            int value = ((hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16 | (hash[offset + 2] & 0xff) << 8
                    | (hash[offset + 3] & 0xff)) % 1_000_000;
            return String.format("%06d", value);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
