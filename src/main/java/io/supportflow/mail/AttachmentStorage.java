package io.supportflow.mail;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where attachment bytes live, behind one interface: the local file system by default; an
 * S3-compatible store can implement the same two operations. Keys are random, never derived from
 * the sender's file name, so nothing a sender writes decides a path.
 */
interface AttachmentStorage {

    /** Stores the bytes under a new random key and returns the key. */
    String put(byte[] bytes) throws IOException;

    /** The bytes stored under the key. */
    InputStream open(String key) throws IOException;
}
