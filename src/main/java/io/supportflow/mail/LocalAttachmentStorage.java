package io.supportflow.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Attachments as files in a directory outside any web root: {@code <dir>/<first 2 hex>/<32 hex>}.
 * The key is 128 random bits in hex, and a key of any other shape is refused before it touches the
 * file system. Files of another shape in the directory are never listed, so never swept.
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
        try {
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file); // a half-written file (disk full) is nobody's
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return key;
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public List<String> keysStoredBefore(Instant instant) throws IOException {
        List<String> keys = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return keys;
        }
        try (Stream<Path> files = Files.find(directory, 2, (file, attributes) -> attributes.isRegularFile()
                && isKeyInItsShard(file) && attributes.lastModifiedTime().toInstant().isBefore(instant))) {
            files.forEach(file -> keys.add(file.getFileName().toString()));
        }
        return keys;
    }

    private boolean isKeyInItsShard(Path file) {
        String name = file.getFileName().toString();
        return KEY.matcher(name).matches() && file.getParent().getParent().equals(directory)
                && file.getParent().getFileName().toString().equals(name.substring(0, 2));
    }

    private Path path(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not an attachment key");
        }
        return directory.resolve(key.substring(0, 2)).resolve(key);
    }
}
