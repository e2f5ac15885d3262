package io.supportflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportflow.SupportFlowApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Outside the demo profile the application must not start with demo or empty secrets. */
class SecretsGuardTest {

    @Test
    void productionProfileRefusesToStartWithoutSecrets() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SupportFlowApplication.class)
                .profiles("production").properties("server.port=0").run())
                .hasMessageContaining("Refusing to start outside the demo profile")
                .hasMessageContaining("SUPPORTFLOW_ADMIN_PASSWORD")
                .hasMessageContaining("SUPPORTFLOW_MAIL_TOKEN_SECRET")
                .hasMessageContaining("SUPPORTFLOW_SURVEY_LINK_SECRET")
                .hasMessageContaining("SUPPORTFLOW_TOTP_ENCRYPTION_KEY")
                .hasMessageContaining("SPRING_DATASOURCE_URL");
    }

    @Test
    void productionProfileRefusesTheDemoAdministrator() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SupportFlowApplication.class)
                .profiles("production")
                .properties("camunda.bpm.admin-user.id=demo", "camunda.bpm.admin-user.password=demo",
                        "spring.datasource.url=jdbc:postgresql://localhost:1/x", "spring.datasource.password=postgres")
                .run())
                .hasMessageContaining("other than 'demo'")
                .hasMessageContaining("SPRING_DATASOURCE_PASSWORD");
    }

    @Test
    void strongSecretsPass() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "camunda.bpm.admin-user.id", "admin",
                "camunda.bpm.admin-user.password", "a-long-and-secret-passphrase",
                "spring.datasource.url", "jdbc:postgresql://db/supportflow",
                "spring.datasource.password", "another-real-secret",
                "supportflow.mail.token-secret", "k3J9f0s8d7f6g5h4j3k2l1q0w9e8r7t6y5",
                "supportflow.survey.link-secret", "p0o9i8u7y6t5r4e3w2q1a2s3d4f5g6h7j8",
                "supportflow.portal.totp-encryption-key", "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=")));
        assertThat(SecretsGuard.problems(env)).isEmpty();
    }

    @Test
    void weakOrWellKnownPasswordsAreNamed() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "camunda.bpm.admin-user.id", "admin",
                "camunda.bpm.admin-user.password", "short",
                "spring.datasource.url", "jdbc:postgresql://db/supportflow",
                "spring.datasource.password", "",
                "supportflow.mail.token-secret", "demo-reply-token-secret-not-for-production",
                "supportflow.survey.link-secret", "too-short",
                "supportflow.portal.totp-encryption-key", "ZGVtby10b3RwLWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=")));
        assertThat(SecretsGuard.problems(env)).hasSize(5)
                .anyMatch(p -> p.contains("SUPPORTFLOW_SURVEY_LINK_SECRET"))
                .anyMatch(p -> p.contains("SUPPORTFLOW_TOTP_ENCRYPTION_KEY"));
    }

    @Test
    void aTotpEncryptionKeyMustBeBase64Of32Bytes() {
        for (String bad : new String[] {"", "not base64 at all!", "c2hvcnQ=", "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJ"}) {
            StandardEnvironment env = new StandardEnvironment();
            env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("supportflow.portal.totp-encryption-key", bad)));
            assertThat(SecretsGuard.problems(env)).as("key %s", bad).anyMatch(p -> p.contains("SUPPORTFLOW_TOTP_ENCRYPTION_KEY"));
        }
    }

    @Test
    void previousTotpKeysMustBeBase64Of32BytesAndAreNamedByPositionOnly() {
        String current = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";
        String previous = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        for (String good : new String[] {"", " ", previous, previous + ", " + current, current}) {
            assertThat(problemsWithPreviousKeys(current, good)).as("previous %s", good).isEmpty();
        }
        String demoKey = "ZGVtby10b3RwLWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=";
        for (String bad : new String[] {"c2hvcnQ=", "not base64 at all!", demoKey}) {
            assertThat(problemsWithPreviousKeys(current, previous + "," + bad)).as("previous %s", bad).singleElement()
                    .satisfies(p -> assertThat(p).contains("SUPPORTFLOW_TOTP_PREVIOUS_ENCRYPTION_KEYS").contains("entry 2")
                            .doesNotContain(bad));
        }
    }

    private static java.util.List<String> problemsWithPreviousKeys(String current, String previous) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "supportflow.portal.totp-encryption-key", current,
                "supportflow.portal.totp-previous-encryption-keys", previous)));
        return SecretsGuard.problems(env).stream().filter(p -> p.contains("TOTP")).toList();
    }
}
