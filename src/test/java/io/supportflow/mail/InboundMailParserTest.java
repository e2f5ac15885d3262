package io.supportflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The parser over a corpus of real-world-shaped messages (src/test/resources/mail/corpus), each with its
 * expected outcome in mail/corpus-expected.csv; plus the limits and the never-throw promise.
 */
class InboundMailParserTest {

    static final String ORIGIN = "corpus-instance";
    static final String OWN_DOMAIN = "supportflow.local";
    static final String TOKEN_SECRET = "corpus-reply-token-secret-0123456789";

    private final InboundMailParser parser = new InboundMailParser(InboundMailParser.Options.defaults(ORIGIN, OWN_DOMAIN));
    private final ReplyTokens tokens = new ReplyTokens(TOKEN_SECRET);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvFileSource(resources = "/mail/corpus-expected.csv", delimiter = ';', numLinesToSkip = 1, maxCharsPerColumn = 10_000)
    void corpusMessageHasItsExpectedOutcome(String file, String outcome, String subject, String from, String fromName,
                                            String replyMustContain, String replyMustNotContain, String attachments,
                                            String token, String inReplyTo, String subjectNumbers) throws IOException {
        ParseResult result = parser.parse(corpus(file));

        if (outcome.startsWith("FAIL:")) {
            assertThat(result).isInstanceOf(ParseFailure.class);
            ParseFailure failure = (ParseFailure) result;
            assertThat(failure.kind()).hasToString(outcome.substring(5));
            assertThat(failure.error()).contains(replyMustContain);
            return;
        }
        assertThat(result).isInstanceOf(ParsedMail.class);
        ParsedMail mail = (ParsedMail) result;
        assertThat(mail.classification()).hasToString(outcome);
        assertThat(mail.classificationReason() == null).isEqualTo(mail.classification() == Classification.NORMAL);
        assertThat(mail.subject()).isEqualTo(subject);
        if (from == null) {
            assertThat(mail.from()).as("no usable From").isNull();
            assertThat(mail.date()).as("no Date").isNull();
        } else {
            assertThat(mail.from().address()).isEqualTo(from);
            assertThat(mail.from().name()).isEqualTo(fromName);
            assertThat(mail.date()).isNotNull();
        }
        for (String phrase : list(replyMustContain)) {
            assertThat(mail.replyText()).as("reply text").contains(phrase);
            assertThat(mail.text()).as("full text").contains(phrase);
        }
        for (String phrase : list(replyMustNotContain)) {
            assertThat(mail.replyText()).as("reply text").doesNotContain(phrase);
        }
        assertThat(mail.attachments()).extracting(a -> a.fileName() + "/" + a.contentType() + "/" + (a.inline() ? "inline" : "file"))
                .containsExactlyElementsOf(list(attachments));
        assertThat(mail.droppedAttachments()).isEmpty();

        List<String> verified = mail.hints().plusTokens().stream().map(tokens::verify).flatMap(java.util.Optional::stream).toList();
        if (token == null) {
            assertThat(mail.hints().plusTokens()).isEmpty();
        } else if (token.equals("FORGED")) {
            assertThat(mail.hints().plusTokens()).isNotEmpty();
            assertThat(verified).isEmpty();
        } else {
            assertThat(verified).containsExactly(token);
        }
        assertThat(mail.inReplyTo()).isEqualTo(inReplyTo);
        if (inReplyTo != null) {
            assertThat(mail.hints().threadMessageIds()).startsWith(inReplyTo);
        }
        assertThat(mail.hints().subjectTicketNumbers()).containsExactlyElementsOf(list(subjectNumbers));

        assertThat(mail.messageId()).isNotBlank().doesNotContain("<", ">");
        assertThat(mail.messageIdSynthesised()).isEqualTo(mail.messageId().endsWith("@" + InboundMailParser.SYNTHESISED_ID_DOMAIN));
        if (mail.html() != null) {
            assertThat(mail.html()).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("javascript:")
                    .doesNotContainIgnoringCase("onerror").doesNotContainIgnoringCase("onload").doesNotContainIgnoringCase("<iframe")
                    .doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("style=");
        }
    }

    @Test
    void theCorpusHasAtLeast25MessagesAndEachHasAnExpectedOutcome() throws IOException {
        String expected = new String(resource("/mail/corpus-expected.csv").readAllBytes(), StandardCharsets.UTF_8);
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:mail/corpus/*.eml");
        assertThat(files).hasSizeGreaterThanOrEqualTo(25);
        for (Resource file : files) {
            assertThat(expected).as("expected outcome for " + file.getFilename()).contains("\n" + file.getFilename() + ";");
        }
    }

    @Test
    void aMessageWithoutMessageIdGetsAStableSynthesisedOne() throws IOException {
        byte[] raw = corpus("13-missing-message-id.eml");
        ParsedMail first = (ParsedMail) parser.parse(raw);
        ParsedMail again = (ParsedMail) parser.parse(raw.clone());
        byte[] changed = new String(raw, StandardCharsets.ISO_8859_1).replace("bay 4", "bay 5").getBytes(StandardCharsets.ISO_8859_1);
        ParsedMail other = (ParsedMail) parser.parse(changed);

        assertThat(first.messageIdSynthesised()).isTrue();
        assertThat(first.messageId()).matches("[0-9a-f]{40}@synthesised\\.invalid");
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(other.messageId()).isNotEqualTo(first.messageId());
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedUnparsed() {
        byte[] huge = hugeMessage(26 * 1024 * 1024);
        ParseResult result = parser.parse(huge);
        assertThat(result).isInstanceOfSatisfying(ParseFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(ParseFailure.Kind.TOO_LARGE);
            assertThat(failure.error()).contains(String.valueOf(huge.length)).contains("26214400");
        });
    }

    @Test
    void anAttachmentOverTheLimitIsDroppedAndRecordedWhileTheMailArrives() {
        InboundMailParser strict = new InboundMailParser(new InboundMailParser.Options(1024 * 1024, 20, 1000,
                Pattern.compile(InboundMailParser.Options.DEFAULT_SUBJECT_TICKET_PATTERN), ORIGIN, OWN_DOMAIN));
        ParsedMail mail = (ParsedMail) strict.parse(withAttachments(2, 600, 1));

        assertThat(mail.replyText()).isEqualTo("Two files attached.");
        assertThat(mail.attachments()).extracting(MailAttachment::fileName).containsExactly("file-1.bin");
        assertThat(mail.droppedAttachments()).containsExactly(new DroppedAttachment("file-2.bin", 1200, DroppedAttachment.Reason.TOO_LARGE));
    }

    @Test
    void attachmentsBeyondTheCountLimitAreDroppedAndRecorded() {
        ParsedMail mail = (ParsedMail) parser.parse(withAttachments(25, 10, 0));

        assertThat(mail.attachments()).hasSize(20);
        assertThat(mail.droppedAttachments()).hasSize(5)
                .allSatisfy(dropped -> assertThat(dropped.reason()).isEqualTo(DroppedAttachment.Reason.TOO_MANY));
        assertThat(mail.droppedAttachments().get(0).fileName()).isEqualTo("file-21.bin");
    }

    @Test
    void ourOwnMessageIdDomainMarksOwnMailEvenWithoutTheOriginHeader() {
        String raw = """
                Message-ID: <reply.SUP-2026-000001.1@supportflow.local>
                From: Example Support <support@example.com>
                To: someone@example.org
                Subject: [SUP-2026-000001] Re: hello
                Date: Tue, 17 Nov 2026 12:00:00 +0000
                Content-Type: text/plain; charset=utf-8

                Hello.
                """;
        ParsedMail mail = (ParsedMail) parser.parse(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(mail.classification()).isEqualTo(Classification.OWN_MAIL);
        assertThat(mail.classification().isFromAPerson()).isFalse();

        ParsedMail otherInstance = (ParsedMail) parser.parse(raw.replace("@supportflow.local", "@elsewhere.example")
                .replace("Content-Type", "X-SupportFlow-Origin: another-instance\nContent-Type").getBytes(StandardCharsets.UTF_8));
        assertThat(otherInstance.classification()).isEqualTo(Classification.NORMAL);
    }

    @Test
    void autoSubmittedNoIsAPerson() {
        String raw = "From: a@example.org\nTo: support@example.com\nSubject: hi\nAuto-Submitted: no\nMessage-ID: <x@y>\n\nHello\n";
        assertThat(((ParsedMail) parser.parse(raw.getBytes(StandardCharsets.US_ASCII))).classification()).isEqualTo(Classification.NORMAL);
    }

    @Test
    void brokenAndTruncatedInputNeverThrows() throws IOException {
        Random random = new Random(42);
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:mail/corpus/*.eml");
        for (Resource file : files) {
            byte[] raw = file.getContentAsByteArray();
            for (int round = 0; round < 20; round++) {
                byte[] mutated = Arrays.copyOf(raw, random.nextInt(raw.length + 1));
                for (int flips = 0; flips < 5 && mutated.length > 0; flips++) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                assertThat(parser.parse(mutated)).as(file.getFilename() + " mutation " + round).isNotNull();
            }
        }
        assertThat(parser.parse(new byte[0])).isNotNull();
    }

    @Test
    void absurdlyDeepNestingIsAFailureNotAStackOverflow() {
        StringBuilder raw = new StringBuilder("Message-ID: <deep@example.org>\nFrom: a@example.org\nSubject: deep\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b0\"\n\n");
        int depth = 2000;
        for (int i = 0; i < depth; i++) {
            raw.append("--b").append(i).append("\nContent-Type: multipart/mixed; boundary=\"b").append(i + 1).append("\"\n\n");
        }
        raw.append("--b").append(depth).append("\nContent-Type: text/plain\n\nhello\n");
        for (int i = depth; i >= 0; i--) {
            raw.append("--b").append(i).append("--\n");
        }
        assertThat(parser.parse(raw.toString().getBytes(StandardCharsets.US_ASCII))).isInstanceOfSatisfying(ParseFailure.class,
                failure -> assertThat(failure.error()).contains("nested deeper than 30"));
    }

    private static byte[] withAttachments(int count, int bytesEach, int growth) {
        StringBuilder raw = new StringBuilder("""
                Message-ID: <many@example.org>
                From: Many Files <files@example.org>
                To: support@example.com
                Subject: files
                Date: Tue, 17 Nov 2026 12:00:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="XX"

                --XX
                Content-Type: text/plain; charset=utf-8

                Two files attached.
                """);
        for (int i = 1; i <= count; i++) {
            byte[] content = new byte[bytesEach * (growth > 0 ? i : 1)];
            Arrays.fill(content, (byte) ('a' + i % 26));
            raw.append("--XX\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"file-")
                    .append(i).append(".bin\"\nContent-Transfer-Encoding: base64\n\n")
                    .append(java.util.Base64.getMimeEncoder().encodeToString(content)).append('\n');
        }
        raw.append("--XX--\n");
        return raw.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hugeMessage(int size) {
        byte[] head = """
                Message-ID: <huge@example.org>
                From: Big Sender <big@example.org>
                To: support@example.com
                Subject: huge
                Content-Type: text/plain; charset=us-ascii

                """.getBytes(StandardCharsets.US_ASCII);
        byte[] raw = Arrays.copyOf(head, size);
        Arrays.fill(raw, head.length, size, (byte) 'x');
        for (int i = head.length + 76; i < size; i += 78) {
            raw[i] = '\n';
        }
        return raw;
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : Stream.of(value.split("\\|")).map(String::strip).toList();
    }

    static byte[] corpus(String file) throws IOException {
        try (InputStream in = resource("/mail/corpus/" + file)) {
            return in.readAllBytes();
        }
    }

    private static InputStream resource(String path) {
        InputStream in = InboundMailParserTest.class.getResourceAsStream(path);
        assertThat(in).as(path).isNotNull();
        return in;
    }
}
