package io.supportflow.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the unseen messages of one IMAP mailbox and hands each to the {@link InboundMailImporter}.
 * Messages are read with PEEK, so only a committed import marks, moves or deletes them; a message
 * whose import committed but whose flag was lost is seen again next time and deduplicated.
 */
@Component
class MailboxPoller {

    /** Messages read per poll, so one poll (one job) stays short; the rest wait for the next poll. */
    static final int MAX_MESSAGES_PER_POLL = 50;
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

    private final InboundMailImporter importer;
    private final InboundMailParser parser;
    private final MailDeadLetters deadLetters;

    MailboxPoller(InboundMailImporter importer, InboundMailParser parser, MailDeadLetters deadLetters) {
        this.importer = importer;
        this.parser = parser;
        this.deadLetters = deadLetters;
    }

    /** Polls the mailbox once; returns how many messages had which result. Connection failures are thrown. */
    Map<InboundMailImporter.Result, Integer> poll(MailSettings.Mailbox mailbox) throws MessagingException, IOException {
        Map<InboundMailImporter.Result, Integer> results = new EnumMap<>(InboundMailImporter.Result.class);
        String protocol = mailbox.tls() ? "imaps" : "imap";
        Session session = Session.getInstance(properties(protocol));
        try (Store store = session.getStore(protocol)) {
            store.connect(mailbox.host(), mailbox.port(), mailbox.username(), mailbox.password());
            Folder folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                List<Message> done = new ArrayList<>();
                for (Message message : unseen.length > MAX_MESSAGES_PER_POLL
                        ? java.util.Arrays.copyOf(unseen, MAX_MESSAGES_PER_POLL) : unseen) {
                    if (message.getSize() > parser.options().maxRawBytes()) {
                        keepHeadersOfTooLarge(mailbox, message);
                        results.merge(InboundMailImporter.Result.DEAD_LETTER, 1, Integer::sum);
                        continue;
                    }
                    results.merge(importOne(mailbox, message), 1, Integer::sum);
                    done.add(message);
                }
                afterImport(mailbox, folder, done);
            } finally {
                folder.close(mailbox.afterImport() != MailSettings.AfterImport.MARK_SEEN);
            }
        }
        if (!results.isEmpty()) {
            log.info("mailbox {}: {}", mailbox.name(), results);
        }
        return results;
    }

    /**
     * A message too large to read is not downloaded: its headers are kept as a dead letter, and it stays
     * in the mailbox, marked seen (whatever the after-import action), for someone to fetch by hand.
     */
    private void keepHeadersOfTooLarge(MailSettings.Mailbox mailbox, Message message) throws MessagingException {
        String headers = String.join("\r\n", Collections.list(((jakarta.mail.internet.MimeMessage) message).getAllHeaderLines()));
        deadLetters.store(mailbox.name(), headers.getBytes(StandardCharsets.UTF_8),
                "TOO_LARGE: message of " + message.getSize() + " bytes exceeds the limit of " + parser.options().maxRawBytes()
                        + " bytes; only its headers are kept here, the message stays in the mailbox");
        message.setFlag(Flags.Flag.SEEN, true);
    }

    private InboundMailImporter.Result importOne(MailSettings.Mailbox mailbox, Message message) throws MessagingException, IOException {
        int size = message.getSize();
        ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(size, 1024));
        message.writeTo(raw);
        return importer.importMessage(mailbox.name(), raw.toByteArray());
    }

    private static void afterImport(MailSettings.Mailbox mailbox, Folder folder, List<Message> messages) throws MessagingException {
        if (messages.isEmpty()) {
            return;
        }
        Message[] array = messages.toArray(Message[]::new);
        switch (mailbox.afterImport()) {
            case MARK_SEEN -> folder.setFlags(array, new Flags(Flags.Flag.SEEN), true);
            case DELETE -> folder.setFlags(array, new Flags(Flags.Flag.DELETED), true);
            case MOVE -> {
                Folder target = folder.getStore().getFolder(mailbox.moveTo());
                if (!target.exists()) {
                    target.create(Folder.HOLDS_MESSAGES);
                }
                folder.copyMessages(array, target);
                folder.setFlags(array, new Flags(Flags.Flag.DELETED), true);
            }
        }
    }

    private static Properties properties(String protocol) {
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.setProperty(prefix + "peek", "true");
        properties.setProperty(prefix + "connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
        properties.setProperty(prefix + "timeout", String.valueOf(TIMEOUT_MILLIS));
        properties.setProperty(prefix + "writetimeout", String.valueOf(TIMEOUT_MILLIS));
        if (protocol.equals("imaps")) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        return properties;
    }
}
