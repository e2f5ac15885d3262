package io.supportflow.platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Fails closed: outside the demo profile the application refuses to start with the demo
 * administrator, an empty or well-known password, or a database without a password.
 * Runs before any bean exists, so nothing is started with a bad configuration.
 */
public class SecretsGuard implements EnvironmentPostProcessor {

    static final String DEMO_PROFILE = "demo";
    private static final Set<String> WELL_KNOWN = Set.of("demo", "admin", "password", "changeme", "camunda", "postgres");
    private static final int MIN_ADMIN_PASSWORD_LENGTH = 12;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        List<String> active = Arrays.asList(env.getActiveProfiles());
        boolean demo = active.isEmpty()
                ? Arrays.asList(env.getDefaultProfiles()).contains(DEMO_PROFILE)
                : active.contains(DEMO_PROFILE);
        if (demo) {
            return;
        }
        List<String> problems = problems(env);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start outside the demo profile: " + String.join("; ", problems));
        }
    }

    /** Base64 of 32 bytes, and not the demo profile's well-known key. */
    private static boolean isTotpEncryptionKey(String base64) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.strip());
            return key.length == 32 && !new String(key, StandardCharsets.ISO_8859_1).startsWith("demo-");
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    static List<String> problems(ConfigurableEnvironment env) {
        List<String> problems = new ArrayList<>();
        String adminUser = env.getProperty("camunda.bpm.admin-user.id", "");
        String adminPassword = env.getProperty("camunda.bpm.admin-user.password", "");
        if (adminUser.isBlank() || "demo".equalsIgnoreCase(adminUser)) {
            problems.add("set SUPPORTFLOW_ADMIN_USER to an administrator id other than 'demo'");
        }
        if (adminPassword.isBlank() || WELL_KNOWN.contains(adminPassword.toLowerCase())
                || adminPassword.length() < MIN_ADMIN_PASSWORD_LENGTH) {
            problems.add("set SUPPORTFLOW_ADMIN_PASSWORD to a secret of at least " + MIN_ADMIN_PASSWORD_LENGTH + " characters");
        }
        String tokenSecret = env.getProperty("supportflow.mail.token-secret", "");
        if (tokenSecret.length() < 32 || tokenSecret.startsWith("demo-")) {
            problems.add("set SUPPORTFLOW_MAIL_TOKEN_SECRET to a random secret of at least 32 characters");
        }
        String surveySecret = env.getProperty("supportflow.survey.link-secret", "");
        if (surveySecret.length() < 32 || surveySecret.startsWith("demo-")) {
            problems.add("set SUPPORTFLOW_SURVEY_LINK_SECRET to a random secret of at least 32 characters");
        }
        if (!isTotpEncryptionKey(env.getProperty("supportflow.portal.totp-encryption-key", ""))) {
            problems.add("set SUPPORTFLOW_TOTP_ENCRYPTION_KEY to the base64 of 32 random bytes (openssl rand -base64 32)");
        }
        List<String> previousKeys = Arrays.stream(env.getProperty("supportflow.portal.totp-previous-encryption-keys", "").split(","))
                .map(String::strip).filter(key -> !key.isEmpty()).toList();
        for (int i = 0; i < previousKeys.size(); i++) {
            if (!isTotpEncryptionKey(previousKeys.get(i))) {
                // the position, never the value
                problems.add("SUPPORTFLOW_TOTP_PREVIOUS_ENCRYPTION_KEYS: entry " + (i + 1)
                        + " is not the base64 of 32 bytes, or is the demo key; list earlier keys separated by commas");
            }
        }
        if (env.getProperty("spring.datasource.url", "").isBlank()) {
            problems.add("set SPRING_DATASOURCE_URL: the embedded database is for the demo only");
        } else {
            String dbPassword = env.getProperty("spring.datasource.password", "");
            if (dbPassword.isBlank() || WELL_KNOWN.contains(dbPassword.toLowerCase())) {
                problems.add("set SPRING_DATASOURCE_PASSWORD to a real secret");
            }
        }
        return problems;
    }
}
