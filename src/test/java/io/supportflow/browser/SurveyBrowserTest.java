package io.supportflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.mail.MailOutbox;
import io.supportflow.support.Api;
import io.supportflow.support.Browser;
import io.supportflow.support.BrowserTest;
import io.supportflow.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A customer follows the CSAT link of a resolved ticket's survey mail in a real browser, without signing in:
 * answers, sees the thank-you, re-opens the link (the answer is shown), changes it in French, and the page
 * fits a phone. Screenshots under target/screenshots/portal-survey*.png.
 */
@IntegrationTest
@BrowserTest(failureScreenshot = "portal-survey-failure")
class SurveyBrowserTest {

    private static final Pattern LINK = Pattern.compile("http://localhost:\\d+/portal/survey\\.html\\?t=[0-9A-Za-z._-]+");

    @LocalServerPort int port;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired MailOutbox outbox;
    WebDriver browser;

    @Test
    void customerAnswersTheSurveyFromTheMailLink() {
        answer();
    }

    private void answer() {
        Api admin = Api.as(port, "demo");
        String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String number = admin.post("/api/v1/tickets", Map.of("subject", "Printer <b>jams</b> on page 2", "description", "Help",
                "requester", Map.of("name", "Pat Printer", "email", email), "category", "technical")).json().get("number").asText();
        assertThat(admin.patch("/api/v1/tickets/" + number, Map.of("status", "RESOLVED")).status()).isEqualTo(200);
        long surveyId = admin.get("/api/v1/tickets/" + number + "/survey").json().at("/csat/id").asLong();
        String instance = runtime.createProcessInstanceQuery().processDefinitionKey("CsatSurvey").processInstanceBusinessKey(number)
                .singleResult().getId();
        management.executeJob(management.createJobQuery().processInstanceId(instance).singleResult().getId());
        Matcher m = LINK.matcher(outbox.storedText("survey:" + surveyId).orElseThrow());
        assertThat(m.find()).isTrue();
        String link = m.group();

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // the mail's "good" link chooses 5 on the page; nothing is sent until the customer sends it
        String good = Pattern.compile(Pattern.quote(link) + "&score=5").matcher(outbox.storedText("survey:" + surveyId).orElseThrow())
                .results().findFirst().orElseThrow().group();
        browser.get(good);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("survey")));
        assertThat(browser.findElement(By.id("score-5")).isSelected()).isTrue();
        assertThat(admin.get("/api/v1/tickets/" + number + "/survey").json().at("/csat/score").isIntegralNumber()).isFalse();
        browser.get(link);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("survey")));
        assertThat(browser.findElement(By.id("question")).getText()).isEqualTo("How satisfied are you with the help you got?");
        assertThat(browser.findElement(By.id("ticket")).getText()).contains(number).contains("Printer <b>jams</b> on page 2");
        assertThat(browser.findElements(By.cssSelector("#scale input[name=score]"))).hasSize(5);
        Browser.screenshot(browser, "portal-survey");

        // no score chosen: the page says so and nothing is sent
        browser.findElement(By.id("submit")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error"))).getText()).isEqualTo("Choose a score first.");
        assertThat(admin.get("/api/v1/tickets/" + number + "/survey").json().at("/csat/state").asText()).isEqualTo("SENT");

        browser.findElement(By.cssSelector("label[class=score]:nth-child(4) span")).click();
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        browser.findElement(By.id("comment")).sendKeys("Fixed fast. <script>alert(1)</script>");
        Browser.screenshot(browser, "portal-survey-filled");
        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("thanks")));
        assertThat(browser.findElement(By.id("your-score")).getText()).isEqualTo("Your answer: 4 out of 5.");
        assertThat(browser.findElement(By.id("your-comment")).getText()).isEqualTo("Fixed fast. <script>alert(1)</script>");
        Browser.screenshot(browser, "portal-survey-thanks");
        assertThat(admin.get("/api/v1/tickets/" + number + "/survey").json().at("/csat/score").asInt()).isEqualTo(4);

        // re-opened: the answer given is shown; in French, the customer changes it
        browser.get(link);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("thanks")));
        assertThat(browser.findElement(By.id("your-score")).getText()).isEqualTo("Your answer: 4 out of 5.");
        browser.findElement(By.cssSelector("button[data-lang=fr]")).click();
        assertThat(browser.findElement(By.id("your-score")).getText()).isEqualTo("Votre réponse : 4 sur 5.");
        browser.findElement(By.id("change")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("survey")));
        assertThat(browser.findElement(By.id("question")).getText()).isEqualTo("Êtes-vous satisfait de l’aide reçue ?");
        assertThat(browser.findElement(By.id("score-4")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("comment")).getAttribute("value")).isEqualTo("Fixed fast. <script>alert(1)</script>");
        Browser.screenshot(browser, "portal-survey-fr");
        browser.findElement(By.cssSelector("label[class=score]:nth-child(5) span")).click();
        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("your-score"), "Votre réponse : 5 sur 5."));
        assertThat(admin.get("/api/v1/tickets/" + number + "/survey").json().at("/csat/score").asInt()).isEqualTo(5);

        // a phone: everything fits the width
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.findElement(By.id("change")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("survey")));
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
        assertThat(overflow).isEqualTo(Boolean.FALSE);
        Browser.screenshot(browser, "portal-survey-mobile");

        // a damaged link: a clear page, no form
        browser.manage().window().setSize(new Dimension(1400, 1000));
        browser.get(link.substring(0, link.length() - 3) + (link.endsWith("AAA") ? "BBB" : "AAA"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("invalid")));
        assertThat(browser.findElement(By.id("survey")).isDisplayed()).isFalse();
        Browser.screenshot(browser, "portal-survey-invalid");
    }
}
