package io.supportflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
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

    @Test
    void deletingRemovesTheFileAndAMissingFileIsNoError() throws Exception {
        LocalAttachmentStorage storage = new LocalAttachmentStorage(directory);
        String key = storage.put(new byte[] {1, 2, 3});

        storage.delete(key);
        storage.delete(key);

        assertThat(directory.resolve(key.substring(0, 2)).resolve(key)).doesNotExist();
        assertThatThrownBy(() -> storage.delete("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyKeysInTheirShardOlderThanTheInstantAreListedForTheSweep() throws Exception {
        LocalAttachmentStorage storage = new LocalAttachmentStorage(directory);
        String old = storage.put(new byte[] {1});
        String young = storage.put(new byte[] {2});
        FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        Files.setLastModifiedTime(directory.resolve(old.substring(0, 2)).resolve(old), twoHoursAgo);
        String stranger = "0123456789abcdef0123456789abcdef";
        Path misplaced = Files.createDirectories(directory.resolve("ff")).resolve(stranger); // not in its shard "01"
        Files.write(misplaced, new byte[] {3});
        Path notAKey = directory.resolve(old.substring(0, 2)).resolve("README.txt");
        Files.write(notAKey, new byte[] {4});
        Path atTheTop = directory.resolve(stranger);
        Files.write(atTheTop, new byte[] {5});
        for (Path other : new Path[] {misplaced, notAKey, atTheTop}) {
            Files.setLastModifiedTime(other, twoHoursAgo);
        }

        assertThat(storage.keysStoredBefore(Instant.now().minus(Duration.ofHours(1)))).containsExactly(old);
        assertThat(storage.keysStoredBefore(Instant.now().plusSeconds(5))).containsExactlyInAnyOrder(old, young);
        assertThat(new LocalAttachmentStorage(directory.resolve("never-written")).keysStoredBefore(Instant.now())).isEmpty();
    }
}
