package io.supportflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.Browser;
import io.supportflow.support.BrowserTest;
import io.supportflow.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An admin builds a rule in the rule builder page (no code), and it acts on the next ticket. */
@IntegrationTest
@BrowserTest(failureScreenshot = "rule-builder-failure")
class RuleBuilderBrowserTest {

    @LocalServerPort int port;
    WebDriver browser;
    final String marker = "rb" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @AfterEach
    void close() {
        Api admin = Api.as(port, "demo");
        admin.get("/api/v1/admin/automations").json().forEach(r -> {
            if (r.get("name").asText().contains(marker)) {
                admin.delete("/api/v1/admin/automations/" + r.get("id").asText());
            }
        });
    }

    @Test
    void adminBuildsARuleThatTagsTheNextTicket() {
        build();
    }

    private void build() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get("http://localhost:" + port + "/rule-builder.html");
        signIn(wait, "alice", "alice");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error"))).getText())
                .isEqualTo("Administrators only.");
        browser.findElement(By.id("user")).clear();
        browser.findElement(By.id("password")).clear();
        signIn(wait, "demo", "demo");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("builder")));

        // a rule without actions is refused, and the page says why
        browser.findElement(By.id("name")).sendKeys("Tag <b>built</b> " + marker);
        browser.findElement(By.id("save")).click();
        String refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result.error"))).getText();
        assertThat(refusal).contains("name");

        browser.findElement(By.id("name")).clear();
        browser.findElement(By.id("name")).sendKeys("Tag built " + marker);
        new Select(browser.findElement(By.id("trigger"))).selectByValue("TICKET_CREATED");
        browser.findElement(By.id("add-condition")).click();
        WebElement condition = browser.findElement(By.cssSelector(".condition"));
        new Select(condition.findElement(By.cssSelector(".field"))).selectByValue("subject");
        new Select(condition.findElement(By.cssSelector(".operator"))).selectByValue("CONTAINS");
        condition.findElement(By.cssSelector(".values")).sendKeys(marker);
        browser.findElement(By.id("add-action")).click();
        WebElement action = browser.findElement(By.cssSelector(".action"));
        new Select(action.findElement(By.cssSelector(".type"))).selectByValue("ADD_TAGS");
        action.findElement(By.cssSelector("input[data-key='tags']")).sendKeys("built, by-page");
        browser.findElement(By.id("add-action")).click();
        WebElement autoResponse = browser.findElements(By.cssSelector(".action")).get(1);
        new Select(autoResponse.findElement(By.cssSelector(".type"))).selectByValue("SEND_AUTO_RESPONSE");
        new Select(autoResponse.findElement(By.cssSelector("select[data-key='response']"))).selectByValue("escalation_notice");
        new Select(autoResponse.findElement(By.cssSelector("select[data-key='language']"))).selectByValue("fr");
        Browser.screenshot(browser, "rule-builder-filled");
        browser.findElement(By.id("save")).click();
        String saved = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result.ok"))).getText();
        assertThat(saved).startsWith("Saved: Tag built " + marker);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules"), "Tag built " + marker + " — TICKET_CREATED"));

        Api admin = Api.as(port, "demo");
        JsonNode stored = null;
        for (JsonNode r : admin.get("/api/v1/admin/automations").json()) {
            if (r.get("name").asText().equals("Tag built " + marker)) {
                stored = r;
            }
        }
        assertThat(stored).isNotNull();
        assertThat(stored.get("conditions").toString())
                .isEqualTo("[{\"field\":\"subject\",\"operator\":\"CONTAINS\",\"values\":[\"" + marker + "\"]}]");
        assertThat(stored.get("actions").toString()).isEqualTo("[{\"type\":\"ADD_TAGS\",\"params\":{\"tags\":[\"built\",\"by-page\"]}},"
                + "{\"type\":\"SEND_REPLY\",\"params\":{\"language\":\"fr\",\"response\":\"escalation_notice\"}}]");

        String number = admin.post("/api/v1/tickets", Map.of("subject", "Built " + marker, "description", "x",
                "requester", Map.of("name", "Sam Smith", "email", "sam@example.org"))).json().get("number").asText();
        assertThat(admin.get("/api/v1/tickets/" + number).json().get("tags").toString()).isEqualTo("[\"built\",\"by-page\"]");
        assertThat(admin.get("/api/v1/tickets/" + number + "/messages").body()).contains("a été transmise");
    }

    private void signIn(WebDriverWait wait, String user, String password) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("signin-button")).click();
    }
}
