package io.supportflow.mail;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;

/**
 * Deletes a file written during a transaction when that transaction rolls back, so no row-less file
 * stays behind. Only on a known rollback: when the outcome is unknown (the commit itself failed) the
 * file is kept, since a row may reference it; the start-up sweep removes it later if none does.
 */
record DeleteOnRollback(AttachmentStorage storage, String key) implements TransactionSynchronization {

    private static final Logger log = LoggerFactory.getLogger(DeleteOnRollback.class);

    @Override
    public void afterCompletion(int status) {
        if (status != STATUS_ROLLED_BACK) {
            return;
        }
        try {
            storage.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn("attachment {} of a rolled-back transaction could not be deleted; the start-up sweep will retry", key, e);
        }
    }
}
