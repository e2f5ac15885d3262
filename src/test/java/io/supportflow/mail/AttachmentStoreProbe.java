package io.supportflow.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the attachment directory holds, and a real refusal for a later file of an upload: a CHECK constraint on
 * mail_attachment that refuses one file name (unique per test), so the database rolls the upload back after
 * the earlier files were written. Tests run one after the other in one JVM, so the directory is theirs alone.
 */
public final class AttachmentStoreProbe {

    /** The directory of {@code supportflow.mail.attachment-directory} in application-test.yml. */
    public static final String DIRECTORY = "${supportflow.mail.attachment-directory}";

    private AttachmentStoreProbe() {
    }

    /** Every regular file under the directory, at any depth. */
    public static Set<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Set.of();
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Until closed, the database refuses to record an attachment with this (safe, plain) file name. */
    public static AutoCloseable refuseFileName(JdbcClient jdbc, String fileName) {
        if (!fileName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a plain file name, please: " + fileName);
        }
        String constraint = "test_refuses_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("ALTER TABLE mail_attachment ADD CONSTRAINT " + constraint + " CHECK (file_name <> '" + fileName + "') NOT VALID")
                .update();
        return () -> jdbc.sql("ALTER TABLE mail_attachment DROP CONSTRAINT " + constraint).update();
    }

    /** A file name no other test uses. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".txt";
    }
}
