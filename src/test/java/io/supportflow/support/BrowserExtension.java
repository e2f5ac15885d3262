package io.supportflow.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;
import org.openqa.selenium.WebDriver;

/** The frame every browser test shares; see {@link BrowserTest}. */
public class BrowserExtension implements BeforeEachCallback, ParameterResolver, TestExecutionExceptionHandler, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserExtension.class);
    private static final String DRIVER = "driver";

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        WebDriver driver = Browser.start(); // skips the test, loudly, when chromium is missing
        context.getStore(NAMESPACE).put(DRIVER, driver);
        Object test = context.getRequiredTestInstance();
        for (Class<?> type = test.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == WebDriver.class && !Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    field.set(test, driver);
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == WebDriver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return driver(context);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        WebDriver driver = driver(context);
        if (driver != null && !(failure instanceof TestAbortedException)) {
            Browser.failure(driver, failureScreenshot(context));
        }
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        WebDriver driver = context.getStore(NAMESPACE).remove(DRIVER, WebDriver.class);
        if (driver != null) {
            driver.quit();
        }
    }

    private static WebDriver driver(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(DRIVER, WebDriver.class);
    }

    private static String failureScreenshot(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getRequiredTestClass(), BrowserTest.class)
                .map(BrowserTest::failureScreenshot)
                .orElse(context.getRequiredTestClass().getSimpleName() + "-failure");
    }
}
