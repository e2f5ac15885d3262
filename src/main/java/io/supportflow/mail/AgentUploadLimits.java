package io.supportflow.mail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.stereotype.Component;

/**
 * The limits of the files agents send with a reply: the customer portal's ({@code supportflow.portal.max-attachments},
 * {@code max-attachment-bytes}), and in all what the server accepts of one upload ({@code spring.servlet.multipart.max-request-size}).
 */
@Component
class AgentUploadLimits {

    private final int maxFiles;
    private final long maxFileBytes;
    private final long maxTotalBytes;

    AgentUploadLimits(@Value("${supportflow.portal.max-attachments:5}") int maxFiles,
            @Value("${supportflow.portal.max-attachment-bytes:5242880}") long maxFileBytes, MultipartProperties multipart) {
        this.maxFiles = maxFiles;
        this.maxFileBytes = maxFileBytes;
        this.maxTotalBytes = multipart.getMaxRequestSize() == null || multipart.getMaxRequestSize().toBytes() < 0
                ? Long.MAX_VALUE : multipart.getMaxRequestSize().toBytes();
    }

    int maxFiles() {
        return maxFiles;
    }

    long maxFileBytes() {
        return maxFileBytes;
    }

    long maxTotalBytes() {
        return maxTotalBytes;
    }
}
