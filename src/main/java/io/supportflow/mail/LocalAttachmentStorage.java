package io.supportflow.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Attachments as files in a directory outside any web root: {@code <dir>/<first 2 hex>/<32 hex>}.
 * The key is 128 random bits in hex, and a key of any other shape is refused before it touches the
 * file system. A transaction that rolls back after a file was written leaves an unreferenced file,
 * never a reference without a file.
 */
class LocalAttachmentStorage implements AttachmentStorage {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");
    private final SecureRandom random = new SecureRandom();
    private final Path directory;

    LocalAttachmentStorage(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public String put(byte[] bytes) throws IOException {
        byte[] id = new byte[16];
        random.nextBytes(id);
        String key = HexFormat.of().formatHex(id);
        Path file = path(key);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return key;
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    private Path path(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not an attachment key");
        }
        return directory.resolve(key.substring(0, 2)).resolve(key);
    }
}
