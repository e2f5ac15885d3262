package io.supportflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.Browser;
import io.supportflow.support.BrowserTest;
import io.supportflow.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An agent answers a ticket in Camunda Tasklist through our "Respond to customer" form. */
@IntegrationTest
@BrowserTest(failureScreenshot = "tasklist-failure")
class TasklistFormBrowserTest {

    @LocalServerPort int port;
    WebDriver browser;

    @Test
    void agentRepliesInTasklistAndTheTicketWaitsOnTheCustomer() {
        answerInTasklist();
    }

    private void answerInTasklist() {
        Api alice = Api.as(port, "alice");
        String number = alice.post("/api/v1/tickets", Map.of("subject", "Invoice shows the wrong VAT",
                "description", "Our invoice 2026-117 has 19% VAT instead of 20%.",
                "requester", Map.of("name", "Jane Doe", "email", "jane@acme.example"), "category", "billing")).json().get("number").asText();
        String taskId = alice.get("/engine-rest/task?processInstanceBusinessKey=" + number + "&maxResults=1").json().get(0).get("id").asText();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        signIn(wait, "alice", "alice");

        browser.get("about:blank"); // a fresh load, so Tasklist reads the new session
        browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId);
        WebElement header = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//*[contains(@class,'fjs-form')]//*[contains(., '" + number + "')]")));
        assertThat(header.getText()).contains(number);
        WebElement conversation = wait.until(ExpectedConditions.visibilityOfElementLocated(fieldLabelled("Conversation", "textarea")));
        assertThat(conversation.getAttribute("value")).contains("19% VAT instead of 20%");
        Browser.screenshot(browser, "tasklist-2-task-open");

        By claim = By.xpath("//*[self::a or self::button][normalize-space(.)='Claim']");
        wait.until(ExpectedConditions.elementToBeClickable(claim)).click();
        // Until the claim lands Tasklist shows the form disabled (class disabled-form), though its fields still
        // take keystrokes, and the claim makes it reload the task: type only once Tasklist has taken the claim in.
        wait.until(ExpectedConditions.invisibilityOfElementLocated(claim));
        wait.until(d -> d.findElements(By.cssSelector(".disabled-form")).isEmpty());
        wait.until(d -> "alice".equals(alice.get("/engine-rest/task/" + taskId).json().path("assignee").asText()));
        String reply = "Sorry about that, a corrected invoice is on its way.";
        String note = "Checked in the ERP: VAT code wrong.";
        typeSteadily(wait, fieldLabelled("Public reply", "textarea"), reply);
        typeSteadily(wait, fieldLabelled("Internal note", "textarea"), note);
        WebElement status = browser.findElement(fieldLabelled("Then the ticket is", "*[contains(@class,'fjs-input-group')]"));
        // on a busy machine Tasklist's layout is still settling after the scroll: click again until nothing covers it
        wait.ignoring(org.openqa.selenium.ElementClickInterceptedException.class).until(d -> {
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", status);
            status.click();
            return true;
        });
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)='Waiting on customer']"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                fieldLabelled("Then the ticket is", "*[contains(@class,'fjs-input-group')]"), "Waiting on customer"));
        // what was typed must still be there when Complete is pressed, not only right after typing
        wait.until(d -> valueOf(fieldLabelled("Public reply", "textarea")).equals(reply)
                && valueOf(fieldLabelled("Internal note", "textarea")).equals(note));
        Browser.screenshot(browser, "tasklist-3-filled");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(.)='Complete']"))).click();
        // Tasklist drops the task from its address once the engine has completed it
        wait.until(d -> !d.getCurrentUrl().contains(taskId));

        wait.until(d -> alice.get("/api/v1/tickets/" + number).json().get("status").asText().equals("WAITING_ON_CUSTOMER"));
        Browser.screenshot(browser, "tasklist-4-completed");
        JsonNode ticket = alice.get("/api/v1/tickets/" + number).json();
        assertThat(ticket.get("assignee").asText()).isEqualTo("alice");
        JsonNode messages = alice.get("/api/v1/tickets/" + number + "/messages").json();
        assertThat(messages.toString()).contains("a corrected invoice is on its way", "VAT code wrong");
        assertThat(messages.get(messages.size() - 1).get("author").asText()).isEqualTo("Alice Archer");
    }

    /**
     * Signs in as Tasklist's login page does (a same-origin POST carrying the XSRF token); the
     * login widget is Camunda's, our form is what this test is about.
     */
    private void signIn(WebDriverWait wait, String user, String password) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]")));
        Browser.screenshot(browser, "tasklist-1-login");
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')).split('=')[1];
                fetch('/camunda/api/admin/auth/user/default/login/tasklist', {
                  method: 'POST', credentials: 'same-origin',
                  headers: {'X-XSRF-TOKEN': token, 'Content-Type': 'application/x-www-form-urlencoded'},
                  body: 'username=' + encodeURIComponent(arguments[0]) + '&password=' + encodeURIComponent(arguments[1])
                }).then(r => done(r.status)).catch(e => done(String(e)));""", user, password);
        assertThat(status).isEqualTo(200L);
    }

    /**
     * Types into a field of the Camunda Form and waits until the field holds exactly that text over two
     * successive polls; a field emptied by a late re-render of the form is typed into again (a few times at most).
     */
    private void typeSteadily(WebDriverWait wait, By field, String text) {
        int[] typings = {0};
        String[] lastSeen = {null};
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement element = d.findElement(field);
            String value = element.getAttribute("value");
            if (!text.equals(value)) {
                assertThat(typings[0]++).as("times the form lost what was typed into " + field).isLessThan(4);
                element.clear();
                element.sendKeys(text);
                lastSeen[0] = null;
                return false;
            }
            boolean steady = text.equals(lastSeen[0]);
            lastSeen[0] = value;
            return steady;
        });
    }

    private String valueOf(By field) {
        return browser.findElement(field).getAttribute("value");
    }

    private static By fieldLabelled(String label, String tag) {
        return By.xpath("//label[contains(normalize-space(.), '" + label + "')]/ancestor::div[contains(@class,'fjs-form-field')][1]//" + tag);
    }
}
