package io.supportflow.mail;

import io.supportflow.common.TemplatedMailRequested;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Sends the templated mails other capabilities ask for by event (see {@link TemplatedMailRequested}). */
@Component
class TemplatedMailRequests {

    private final MailOutbox outbox;

    TemplatedMailRequests(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void send(TemplatedMailRequested request) {
        outbox.send(new MailOutbox.Mail(request.recipient(), request.template(), request.language(), request.values(), null,
                request.dedupeKey()));
    }
}
