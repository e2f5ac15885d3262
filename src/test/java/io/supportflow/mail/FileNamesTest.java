package io.supportflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ..\\..\\evil.exe                 | evil.exe
            /etc/passwd                      | passwd
            C:\\Windows\\System32\\cmd.exe   | cmd.exe
            report\u200B\u202Efdp.exe        | reportfdp.exe
            .htaccess                        | htaccess
            'what?<is>:this*|"name".pdf'      | what__is__this___name_.pdf
            CON.txt                          | _CON.txt
            nul                              | _nul
            '   '                            | attachment-1
            ../                              | attachment-1
            """)
    void namesAreMadeSafe(String name, String safe) {
        assertThat(FileNames.sanitise(name, "attachment-1")).isEqualTo(safe);
    }

    @Test
    void longNamesAreCutToTwoHundredBytesKeepingTheExtension() {
        String safe = FileNames.sanitise("é".repeat(300) + ".pdf", "x");

        assertThat(safe).endsWith(".pdf").startsWith("éé");
        assertThat(safe.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
        assertThat(FileNames.sanitise(null, "attachment-3")).isEqualTo("attachment-3");
    }

    @Test
    void controlCharactersAreRemoved() {
        assertThat(FileNames.sanitise("line\nbreak\t\u0007\u0000.txt", "x")).isEqualTo("linebreak.txt");
        assertThat(FileNames.sanitise("\uFEFFinvoice\u2028.pdf", "x")).isEqualTo("invoice.pdf");
    }
}
