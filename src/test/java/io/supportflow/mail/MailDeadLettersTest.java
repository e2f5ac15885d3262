package io.supportflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportflow.support.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Unparseable mail is kept byte for byte with its error, on PostgreSQL; Message-IDs are remembered per mailbox. */
@IntegrationTest
class MailDeadLettersTest {

    @Autowired MailDeadLetters deadLetters;
    @Autowired InboundMailParser parser;
    @Autowired ReplyTokens replyTokens;

    @Test
    void aMessageThatCannotBeParsedIsKeptRawWithItsError() throws Exception {
        byte[] raw = InboundMailParserTest.corpus("15-malformed-bad-base64.eml");
        ParseFailure failure = (ParseFailure) parser.parse(raw);

        long id = deadLetters.store("support@example.com", raw, failure.kind() + ": " + failure.error());

        MailDeadLetters.DeadLetter stored = deadLetters.find(id).orElseThrow();
        assertThat(stored.raw()).isEqualTo(raw);
        assertThat(stored.mailbox()).isEqualTo("support@example.com");
        assertThat(stored.error()).startsWith("MALFORMED: ").contains("BASE64");
        assertThat(stored.receivedAt()).isNotNull();
    }

    @Test
    void aMessageIdIsNewOnlyOncePerMailbox() {
        String messageId = UUID.randomUUID() + "@example.org";

        assertThat(deadLetters.firstSighting("support@example.com", messageId)).isTrue();
        assertThat(deadLetters.firstSighting("support@example.com", messageId)).isFalse();
        assertThat(deadLetters.firstSighting("billing@example.com", messageId)).isTrue();
    }

    @Test
    void theApplicationWiresTheMailSettings() {
        assertThat(parser.options().maxRawBytes()).isEqualTo(25L * 1024 * 1024);
        assertThat(parser.options().maxAttachments()).isEqualTo(20);
        assertThat(parser.options().subjectTicketPattern().matcher("Re: [SUP-2026-000042] x").find()).isTrue();
        assertThat(replyTokens.verify(replyTokens.sign("SUP-2026-000042"))).contains("SUP-2026-000042");
    }
}
