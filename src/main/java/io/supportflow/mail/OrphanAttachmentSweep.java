package io.supportflow.mail;

import java.io.IOException;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, deletes the stored files that no attachment row references and that are older than an hour:
 * those left by a crash between writing a file and committing its row, by a commit whose outcome was unknown,
 * or by versions before files were deleted on rollback. Safe because a key is random and written only by the
 * transaction that inserts its row: a file unreferenced an hour after it was written never will be.
 */
@Component
class OrphanAttachmentSweep {

    static final Duration MIN_AGE = Duration.ofHours(1);
    private static final int BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(OrphanAttachmentSweep.class);

    private final AttachmentStorage storage;
    private final MailAttachments attachments;

    OrphanAttachmentSweep(AttachmentStorage storage, MailAttachments attachments) {
        this.storage = storage;
        this.attachments = attachments;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        try {
            sweep();
        } catch (IOException | RuntimeException e) {
            log.warn("the sweep of unreferenced attachment files failed; it runs again at the next start", e);
        }
    }

    /** @return how many files were deleted */
    int sweep() throws IOException {
        List<String> candidates = storage.keysStoredBefore(Instant.now().minus(MIN_AGE));
        int deleted = 0;
        for (int from = 0; from < candidates.size(); from += BATCH) {
            List<String> batch = candidates.subList(from, Math.min(from + BATCH, candidates.size()));
            Set<String> referenced = attachments.referenced(batch);
            for (String key : batch) {
                if (!referenced.contains(key)) {
                    storage.delete(key);
                    deleted++;
                }
            }
        }
        log.info("attachment sweep: {} unreferenced file(s) older than {} deleted, {} checked", deleted, MIN_AGE, candidates.size());
        return deleted;
    }
}
