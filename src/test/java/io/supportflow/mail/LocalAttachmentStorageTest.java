package io.supportflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAttachmentStorageTest {

    @TempDir Path directory;

    @Test
    void bytesAreStoredUnderRandomNamesInsideTheDirectory() throws Exception {
        LocalAttachmentStorage storage = new LocalAttachmentStorage(directory);
        byte[] bytes = "same bytes".getBytes(StandardCharsets.UTF_8);

        String first = storage.put(bytes);
        String second = storage.put(bytes);

        assertThat(first).matches("[0-9a-f]{32}").isNotEqualTo(second);
        assertThat(Files.readAllBytes(directory.resolve(first.substring(0, 2)).resolve(first))).isEqualTo(bytes);
        try (var in = storage.open(second)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void aKeyOfAnyOtherShapeNeverReachesTheFileSystem() {
        LocalAttachmentStorage storage = new LocalAttachmentStorage(directory);

        for (String key : new String[] {"../../etc/passwd", "/etc/passwd", "0123456789abcdef0123456789ABCDEF", "", null,
                "0123456789abcdef0123456789abcdef/..", "0123456789abcdef0123456789abcde\u0000"}) {
            assertThatThrownBy(() -> storage.open(key)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
