package io.supportflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProblemTextTest {

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ProblemTextTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyTextHasItsEnglishAndItsFrench() throws IOException {
        assertThat(load("/i18n/problems_fr.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("/i18n/problems.properties").stringPropertyNames());
        assertThat(load("/ValidationMessages_fr.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("/ValidationMessages.properties").stringPropertyNames());
    }

    @Test
    void englishIsWhatTheApiAlwaysSaidAndFrenchIsFrench() {
        ProblemText tooLarge = ProblemText.of("upload.fileTooLarge", 5242880L);
        assertThat(tooLarge.english()).isEqualTo("Each file is limited to 5242880 bytes.");
        assertThat(tooLarge.in(Locale.FRENCH)).isEqualTo("Chaque fichier est limité à 5242880 octets.");
        assertThat(ProblemText.of("portal.form.once", "subject").english()).isEqualTo("Send 'subject' once.");
        assertThat(ProblemText.of("auth.csrf").english())
                .isEqualTo("The CSRF token is missing or wrong: send the XSRF-TOKEN cookie's value in an X-XSRF-TOKEN header.");
        assertThat(ProblemText.of("auth.csrf").in(Locale.GERMAN)).isEqualTo(ProblemText.of("auth.csrf").english());
        assertThat(ProblemText.of("no.such.key").in(Locale.FRENCH)).isEqualTo("no.such.key");
        assertThat(ProblemText.title("Invalid input", Locale.FRENCH)).isEqualTo("Données invalides");
        assertThat(ProblemText.title("Invalid input", Locale.ENGLISH)).isEqualTo("Invalid input");
        assertThat(ProblemText.title("Some title nobody translated", Locale.FRENCH)).isEqualTo("Some title nobody translated");
    }
}
