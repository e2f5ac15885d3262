package io.supportflow.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that drives headless chromium: {@link BrowserExtension} starts it before each test (or
 * skips the test, loudly, where it is missing), puts it into the test's {@code WebDriver} fields
 * and parameters, saves {@code target/screenshots/<failureScreenshot>.png} and {@code .html} when
 * the test fails, and quits it after the test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserExtension.class)
public @interface BrowserTest {

    /** The name of the screenshot (and page source) saved when a test fails. */
    String failureScreenshot();
}
