package io.supportflow.mail;

/**
 * An attachment as received: a sanitised file name, the content type detected from the bytes
 * (never the sender's claim, which is kept in {@code declaredContentType} for the record only),
 * and whether it was inline (an image referenced from the HTML body by its Content-ID).
 */
public record MailAttachment(String fileName, String contentType, String declaredContentType,
                             boolean inline, String contentId, byte[] bytes) {

    public long size() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "MailAttachment[" + fileName + ", " + contentType + ", " + bytes.length + " bytes"
                + (inline ? ", inline cid=" + contentId : "") + "]";
    }
}
