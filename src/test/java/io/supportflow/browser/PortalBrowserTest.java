package io.supportflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.customer.CustomerAccounts;
import io.supportflow.support.Browser;
import io.supportflow.support.BrowserTest;
import io.supportflow.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A customer in the portal: signs in, starts a new ticket, sees a help-centre article suggested for the subject,
 * creates the ticket anyway with an attachment, finds it in "My tickets", opens it and replies with a file.
 * Screenshots of every page: target/screenshots/portal-*.png.
 */
@IntegrationTest
@BrowserTest(failureScreenshot = "portal-failure")
class PortalBrowserTest {

    static final String PASSWORD_ARTICLE = "resetting-your-password";

    @LocalServerPort int port;
    @Autowired CustomerAccounts accounts;
    @Autowired JdbcClient jdbc;
    WebDriver browser;

    @Test
    void aCustomerCreatesATicketAfterASuggestionAndReplies() throws Exception {
        journey();
    }

    /**
     * The French page with an English profile: a refused file is explained in French, and the ticket created on the
     * page is French although its text is English.
     */
    @Test
    void aTicketCreatedOnTheFrenchPageIsFrench() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        String base = "http://localhost:" + port;
        String email = "browser-fr-" + UUID.randomUUID().toString().substring(0, 8) + "@portal-browser.example";
        accounts.markEmailVerified(accounts.create("Dominique Navigateur", email, "browser password 1").accountId());
        Path empty = Files.createTempFile("empty", ".txt");

        browser.get(base + "/portal/kb.html");
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = () => decodeURIComponent((document.cookie.match(/XSRF-TOKEN=([^;]+)/) || [])[1] || '');
                const call = (method, path, body) => fetch(path, { method, credentials: 'same-origin',
                  headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': token() }, body: JSON.stringify(body) });
                call('POST', '/api/portal/v1/auth/sign-in', { email: arguments[0], password: arguments[1] })
                  .then(() => call('PATCH', '/api/portal/v1/profile', { preferredLanguage: 'en' }))
                  .then((r) => { localStorage.setItem('portal.lang', 'fr'); done(r.status); }, (e) => done(String(e)));""",
                email, "browser password 1");
        assertThat(status).isEqualTo(200L);

        browser.get(base + "/portal/new.html");
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Nouvelle demande");
        browser.findElement(By.id("subject")).sendKeys("The printer is broken");
        browser.findElement(By.id("description")).sendKeys("It does not print any more since this morning, can you help?");
        browser.findElement(By.id("files")).sendKeys(empty.toAbsolutePath().toString());
        browser.findElement(By.id("create")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#error.error")));
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("Une erreur est survenue : attachments: Un fichier est vide.");
        Browser.screenshot(browser, "portal-new-error-fr");

        ((JavascriptExecutor) browser).executeScript("document.getElementById('files').value = ''");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("create"))).click();
        wait.until(ExpectedConditions.urlContains("/portal/ticket.html"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#messages li")));
        String number = browser.findElement(By.id("number")).getText();
        assertThat(jdbc.sql("SELECT language FROM ticket WHERE number = ? AND tenant_id = 'default'").param(number)
                .query(String.class).single()).isEqualTo("fr");
        assertThat(jdbc.sql("SELECT language FROM customer WHERE email = ?").param(email).query(String.class).single())
                .as("the page's language is the ticket's, not the profile's").isEqualTo("en");
    }

    private void journey() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        String base = "http://localhost:" + port;
        String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@portal-browser.example";
        accounts.markEmailVerified(accounts.create("Robin Browser", email, "browser password 1").accountId());
        Path screenshotFile = Files.createTempFile("login-error", ".txt");
        Files.writeString(screenshotFile, "Error 42 when I reset my password", StandardCharsets.UTF_8);
        Path logFile = Files.createTempFile("browser-log", ".txt");
        Files.writeString(logFile, "second file for the reply", StandardCharsets.UTF_8);

        // the help centre is public; signing in goes through the portal's sign-in API from the page itself
        browser.get(base + "/portal/kb.html?q=password");
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#hits li[data-slug='" + PASSWORD_ARTICLE + "']")));
        Browser.screenshot(browser, "portal-kb");
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = decodeURIComponent((document.cookie.match(/XSRF-TOKEN=([^;]+)/) || [])[1] || '');
                fetch('/api/portal/v1/auth/sign-in', { method: 'POST', credentials: 'same-origin',
                  headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': token },
                  body: JSON.stringify({ email: arguments[0], password: arguments[1] }) })
                  .then((r) => done(r.status), (e) => done(String(e)));""", email, "browser password 1");
        assertThat(status).isEqualTo(200L);

        // new ticket: the subject brings up the password article
        browser.get(base + "/portal/new.html");
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        browser.findElement(By.id("subject")).sendKeys("I forgot my password");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".suggestion[data-slug='" + PASSWORD_ARTICLE + "']")));
        assertThat(browser.findElement(By.id("suggestions")).getText()).contains("Resetting your password").contains("This solved my problem")
                .contains("forgot your password");
        browser.findElement(By.id("description")).sendKeys("The reset link says error 42. Screenshot attached.");
        new Select(browser.findElement(By.id("category"))).selectByValue("account");
        browser.findElement(By.id("files")).sendKeys(screenshotFile.toAbsolutePath().toString());
        Browser.screenshot(browser, "portal-new");
        browser.findElement(By.id("create")).click();

        // … and the ticket exists anyway, with the file
        wait.until(ExpectedConditions.urlContains("/portal/ticket.html"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#messages li")));
        assertThat(browser.findElement(By.id("created")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("subject")).getText()).isEqualTo("I forgot my password");
        String number = browser.findElement(By.id("number")).getText();
        assertThat(browser.findElement(By.cssSelector("#messages .attachments a")).getText()).isEqualTo(screenshotFile.getFileName().toString());
        assertThat(jdbc.sql("""
                SELECT d.outcome FROM kb_deflection d JOIN ticket t ON t.id = d.ticket_id WHERE t.number = ? AND t.tenant_id = 'default'""")
                .param(number).query(String.class).single()).isEqualTo("TICKET_CREATED");
        assertThat(jdbc.sql("SELECT channel FROM ticket WHERE number = ? AND tenant_id = 'default'").param(number)
                .query(String.class).single()).isEqualTo("PORTAL");

        // my tickets lists it; open it and reply with another file
        browser.get(base + "/portal/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rows tr[data-number='" + number + "']")));
        assertThat(browser.findElement(By.cssSelector("#rows tr[data-number='" + number + "']")).getText())
                .contains("I forgot my password").contains("New");
        Browser.screenshot(browser, "portal-tickets");
        browser.findElement(By.linkText(number)).click();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("body"))).sendKeys("I also tried another browser.");
        browser.findElement(By.id("files")).sendKeys(logFile.toAbsolutePath().toString());
        browser.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#reply-result.ok")));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#messages > li"), 2));
        assertThat(browser.findElements(By.cssSelector("#messages > li")).get(1).getText())
                .contains("You").contains("I also tried another browser.").contains(logFile.getFileName().toString());
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        Browser.screenshot(browser, "portal-ticket");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM ticket_message m JOIN ticket t ON t.id = m.ticket_id
                WHERE t.number = ? AND t.tenant_id = 'default' AND m.author_type = 'CUSTOMER'""").param(number)
                .query(Long.class).single()).isEqualTo(2);

        // an article, the profile, French, and a phone-sized screen
        browser.get(base + "/portal/kb.html?slug=" + PASSWORD_ARTICLE);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("article")));
        assertThat(browser.findElement(By.id("article-title")).getText()).isEqualTo("Resetting your password");
        Browser.screenshot(browser, "portal-kb-article");
        browser.get(base + "/portal/profile.html");
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        assertThat(browser.findElement(By.id("email")).getText()).isEqualTo(email);
        Browser.screenshot(browser, "portal-profile");
        new Select(browser.findElement(By.id("language"))).selectByValue("fr");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#portal-header nav"), "Mes demandes"));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Profil");
        assertThat(jdbc.sql("SELECT language FROM customer WHERE email = ?")
                .param(email).query(String.class).single()).isEqualTo("fr");
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(base + "/portal/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#rows tr[data-number='" + number + "']")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Mes demandes");
        Browser.screenshot(browser, "portal-tickets-mobile-fr");

        // another problem, which the suggested article solves: no ticket, a solved deflection
        long tickets = jdbc.sql("SELECT count(*) FROM ticket t JOIN customer c ON c.id = t.customer_id WHERE c.email = ?")
                .param(email).query(Long.class).single();
        browser.manage().window().setSize(new Dimension(1400, 1000));
        browser.get(base + "/portal/new.html");
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        browser.findElement(By.id("subject")).sendKeys("Mot de passe oublié, password reset");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".suggestion[data-slug='" + PASSWORD_ARTICLE + "'] button.solved")))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("solved")));
        assertThat(browser.findElement(By.id("new-ticket")).isDisplayed()).isFalse();
        Browser.screenshot(browser, "portal-new-solved-fr");
        assertThat(jdbc.sql("""
                SELECT d.article_slugs[1] || ' ' || d.query FROM kb_deflection d JOIN customer c ON c.id = d.customer_id
                WHERE c.email = ? AND d.outcome = 'SOLVED'""").param(email).query(String.class).single())
                .isEqualTo(PASSWORD_ARTICLE + " Mot de passe oublié, password reset");
        assertThat(jdbc.sql("SELECT count(*) FROM ticket t JOIN customer c ON c.id = t.customer_id WHERE c.email = ?")
                .param(email).query(Long.class).single()).isEqualTo(tickets);
    }
}
