package io.supportflow.mail;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Where attachment bytes live, behind one interface: the local file system by default; an
 * S3-compatible store can implement the same operations. Keys are random, never derived from
 * the sender's file name (nor from the bytes: two uploads of the same file are two keys), so
 * nothing a sender writes decides a path and no key is ever shared by two rows.
 */
interface AttachmentStorage {

    /** Stores the bytes under a new random key and returns the key; a failed write leaves nothing behind. */
    String put(byte[] bytes) throws IOException;

    /** The bytes stored under the key. */
    InputStream open(String key) throws IOException;

    /** Removes the bytes stored under the key; a key with nothing stored under it is not an error. */
    void delete(String key) throws IOException;

    /** The keys of everything stored before the instant (for the sweep of unreferenced files). */
    List<String> keysStoredBefore(Instant instant) throws IOException;
}
