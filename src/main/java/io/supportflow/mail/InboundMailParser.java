package io.supportflow.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.Tika;

/**
 * Raw RFC 822 bytes → {@link ParsedMail}, or a {@link ParseFailure} carrying the error; never throws.
 * Pure: no Spring, no database, no network. Thread-safe.
 */
public class InboundMailParser {

    /**
     * @param maxRawBytes          larger messages are not parsed ({@link ParseFailure.Kind#TOO_LARGE})
     * @param maxAttachments       attachments beyond this count are dropped ({@link DroppedAttachment.Reason#TOO_MANY})
     * @param maxAttachmentBytes   larger attachments are dropped ({@link DroppedAttachment.Reason#TOO_LARGE})
     * @param subjectTicketPattern finds ticket numbers in the subject; group 1 is the number
     * @param originId             this installation's id, sent by us in {@value #ORIGIN_HEADER}
     * @param ownMessageIdDomain   the domain of the Message-IDs we generate (null: not checked)
     */
    public record Options(long maxRawBytes, int maxAttachments, long maxAttachmentBytes,
                          Pattern subjectTicketPattern, String originId, String ownMessageIdDomain) {

        public static final long DEFAULT_MAX_RAW_BYTES = 25L * 1024 * 1024;
        public static final int DEFAULT_MAX_ATTACHMENTS = 20;
        public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 10L * 1024 * 1024;
        public static final String DEFAULT_SUBJECT_TICKET_PATTERN = "\\[(SUP-\\d{4}-\\d{6,})\\]";

        public static Options defaults(String originId, String ownMessageIdDomain) {
            return new Options(DEFAULT_MAX_RAW_BYTES, DEFAULT_MAX_ATTACHMENTS, DEFAULT_MAX_ATTACHMENT_BYTES,
                    Pattern.compile(DEFAULT_SUBJECT_TICKET_PATTERN), originId, ownMessageIdDomain);
        }
    }

    /** The header we put on every mail we send; finding our own id in it means our mail came back. */
    public static final String ORIGIN_HEADER = "X-SupportFlow-Origin";
    /** The domain of synthesised Message-IDs; .invalid can never collide with a real one (RFC 2606). */
    public static final String SYNTHESISED_ID_DOMAIN = "synthesised.invalid";

    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Pattern MAILER_DAEMON = Pattern.compile("^(mailer-daemon|postmaster)@.*", Pattern.CASE_INSENSITIVE);
    /** Real mail nests three or four levels; a deeper tree is an attack on the stack, refused as malformed. */
    static final int MAX_MIME_DEPTH = 30;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final Options options;
    private final Session session;
    private final Tika tika = new Tika();

    public InboundMailParser(Options options) {
        this.options = options;
        Properties properties = new Properties();
        // headers written in raw UTF-8 (RFC 6532) are read as UTF-8
        properties.setProperty("mail.mime.allowutf8", "true");
        this.session = Session.getInstance(properties);
    }

    public Options options() {
        return options;
    }

    public ParseResult parse(byte[] raw) {
        if (raw.length > options.maxRawBytes()) {
            return new ParseFailure(ParseFailure.Kind.TOO_LARGE,
                    "message of " + raw.length + " bytes exceeds the limit of " + options.maxRawBytes() + " bytes");
        }
        try {
            return parseMessage(raw);
        } catch (MessagingException | IOException | RuntimeException e) {
            return new ParseFailure(ParseFailure.Kind.MALFORMED, describe(e));
        } catch (StackOverflowError e) {
            return new ParseFailure(ParseFailure.Kind.MALFORMED, "structure too deeply nested to parse");
        }
    }

    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!message.isEmpty()) {
                message.append(" / caused by ");
            }
            message.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return message.toString();
    }

    private ParsedMail parseMessage(byte[] raw) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));

        String messageId = firstId(message.getHeader("Message-ID", null));
        boolean synthesised = messageId == null;
        if (synthesised) {
            messageId = sha256(raw).substring(0, 40) + "@" + SYNTHESISED_ID_DOMAIN;
        }
        String inReplyTo = firstId(message.getHeader("In-Reply-To", null));
        List<String> references = allIds(message.getHeader("References", " "));

        MailAddress from = first(addresses(message, "From"));
        List<MailAddress> deliveredTo = new ArrayList<>(addresses(message, "Delivered-To"));
        deliveredTo.addAll(addresses(message, "X-Original-To"));
        String subject = decodedHeader(message, "Subject");
        Instant date = sentDate(message);

        Body body = new Body();
        walk(message, body, true, true, 0);
        String html = body.html.isEmpty() ? null : MailHtml.sanitise(String.join("\n", body.html)).strip();
        String text = !body.text.isEmpty() ? String.join("\n\n", body.text).replace("\r\n", "\n").strip()
                : html != null ? MailHtml.toText(html) : "";
        String replyText = !body.text.isEmpty() ? QuoteStripper.strip(text)
                : !body.html.isEmpty() ? QuoteStripper.strip(MailHtml.toText(MailHtml.sanitise(
                        MailHtml.withoutQuotedHistory(String.join("\n", body.html))))) : "";

        List<MailAddress> to = addresses(message, "To");
        List<MailAddress> cc = addresses(message, "Cc");
        String[] classification = classify(message, from, messageId);

        List<String> threadIds = new ArrayList<>();
        if (inReplyTo != null) {
            threadIds.add(inReplyTo);
        }
        for (int i = references.size() - 1; i >= 0; i--) {
            if (!threadIds.contains(references.get(i))) {
                threadIds.add(references.get(i));
            }
        }
        Set<String> tokens = new LinkedHashSet<>();
        for (List<MailAddress> list : List.of(to, cc, deliveredTo)) {
            for (MailAddress address : list) {
                String local = address.localPart();
                int plus = local.indexOf('+');
                if (plus >= 0 && plus < local.length() - 1) {
                    tokens.add(local.substring(plus + 1));
                }
            }
        }
        Set<String> numbers = new LinkedHashSet<>();
        Matcher matcher = options.subjectTicketPattern().matcher(subject);
        while (matcher.find()) {
            numbers.add(matcher.groupCount() >= 1 ? matcher.group(1) : matcher.group());
        }

        return new ParsedMail(messageId, synthesised, inReplyTo, references, from,
                addresses(message, "Reply-To"), to, cc, List.copyOf(deliveredTo), subject, date,
                text, html, replyText, List.copyOf(body.attachments), List.copyOf(body.dropped),
                Classification.valueOf(classification[0]), classification[1],
                new ParsedMail.ThreadHints(List.copyOf(tokens), List.copyOf(threadIds), List.copyOf(numbers)));
    }

    // ---- classification --------------------------------------------------------------------------------

    private String[] classify(MimeMessage message, MailAddress from, String messageId) throws MessagingException {
        String origin = header(message, ORIGIN_HEADER);
        if (origin != null && options.originId() != null && origin.strip().equals(options.originId())) {
            return new String[] {"OWN_MAIL", ORIGIN_HEADER + ": " + origin.strip()};
        }
        if (options.ownMessageIdDomain() != null
                && messageId.toLowerCase(Locale.ROOT).endsWith("@" + options.ownMessageIdDomain().toLowerCase(Locale.ROOT))) {
            return new String[] {"OWN_MAIL", "Message-ID in our domain " + options.ownMessageIdDomain()};
        }
        ContentType type = contentType(message);
        if (type != null && type.match("multipart/report")) {
            String reportType = String.valueOf(type.getParameter("report-type")).toLowerCase(Locale.ROOT);
            if (reportType.equals("delivery-status")) {
                return new String[] {"BOUNCE", "multipart/report; report-type=delivery-status"};
            }
            if (reportType.equals("disposition-notification")) {
                return new String[] {"AUTO_REPLY", "multipart/report; report-type=disposition-notification (read receipt)"};
            }
        }
        String returnPath = header(message, "Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return new String[] {"BOUNCE", "Return-Path: <> (null sender)"};
        }
        if (from != null && MAILER_DAEMON.matcher(from.address()).matches()) {
            return new String[] {"BOUNCE", "From: " + from.address()};
        }
        String autoSubmitted = header(message, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return new String[] {"AUTO_REPLY", "Auto-Submitted: " + autoSubmitted.strip()};
        }
        for (String name : List.of("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress")) {
            String value = header(message, name);
            if (value != null) {
                return new String[] {"AUTO_REPLY", name + ": " + value.strip()};
            }
        }
        String precedence = header(message, "Precedence");
        if (precedence != null && Set.of("bulk", "junk", "list").contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return new String[] {"BULK", "Precedence: " + precedence.strip()};
        }
        String listId = header(message, "List-Id");
        if (listId != null) {
            return new String[] {"BULK", "List-Id: " + listId.strip()};
        }
        return new String[] {"NORMAL", null};
    }

    // ---- body and attachments --------------------------------------------------------------------------

    private static final class Body {
        final List<String> text = new ArrayList<>();
        final List<String> html = new ArrayList<>();
        final List<MailAttachment> attachments = new ArrayList<>();
        final List<DroppedAttachment> dropped = new ArrayList<>();
    }

    private void walk(Part part, Body body, boolean wantText, boolean wantHtml, int depth) throws MessagingException, IOException {
        if (depth > MAX_MIME_DEPTH) {
            throw new MessagingException("MIME parts nested deeper than " + MAX_MIME_DEPTH + " levels");
        }
        ContentType type = contentType(part);
        String mime = type == null ? "text/plain" : type.getBaseType().toLowerCase(Locale.ROOT);
        if (mime.startsWith("multipart/")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                throw new MessagingException("multipart part without a readable multipart body");
            }
            multipart.getCount(); // parses the structure; a missing start boundary throws here
            if (mime.equals("multipart/alternative")) {
                walkAlternative(multipart, body, wantText, wantHtml, depth + 1);
            } else {
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i), body, wantText, wantHtml, depth + 1);
                }
            }
            return;
        }
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition(part)) || part.getFileName() != null;
        if (!attachment && mime.equals("text/plain")) {
            if (wantText) {
                body.text.add(decodeText(part, type));
            }
            return;
        }
        if (!attachment && mime.equals("text/html")) {
            if (wantHtml) {
                body.html.add(decodeText(part, type));
            }
            return;
        }
        if (!attachment && (mime.equals("message/delivery-status") || mime.equals("message/disposition-notification")
                || mime.equals("text/rfc822-headers"))) {
            return; // machine-readable parts of a delivery report; the raw message keeps them
        }
        addAttachment(part, mime, body);
    }

    /** Plain text from the text/plain alternative, HTML from the richest alternative that has HTML. */
    private void walkAlternative(Multipart alternative, Body body, boolean wantText, boolean wantHtml, int depth)
            throws MessagingException, IOException {
        int textIndex = -1;
        int htmlIndex = -1;
        for (int i = 0; i < alternative.getCount(); i++) {
            BodyPart child = alternative.getBodyPart(i);
            ContentType type = contentType(child);
            String mime = type == null ? "text/plain" : type.getBaseType().toLowerCase(Locale.ROOT);
            if (mime.equals("text/plain") && textIndex < 0) {
                textIndex = i;
            } else if (mime.equals("text/html") || mime.startsWith("multipart/")) {
                htmlIndex = i;
            }
        }
        if (textIndex >= 0) {
            walk(alternative.getBodyPart(textIndex), body, wantText, false, depth);
        }
        if (htmlIndex >= 0) {
            walk(alternative.getBodyPart(htmlIndex), body, wantText && textIndex < 0, wantHtml, depth);
        }
    }

    private void addAttachment(Part part, String declared, Body body) throws MessagingException, IOException {
        int number = body.attachments.size() + body.dropped.size() + 1;
        String rawName = part.getFileName();
        if (rawName != null && rawName.contains("=?")) {
            rawName = MimeUtility.decodeText(rawName);
        }
        if (rawName == null && declared.equals("message/rfc822")) {
            rawName = "forwarded-message.eml";
        }
        String name = FileNames.sanitise(rawName, "attachment-" + number);
        if (body.attachments.size() >= options.maxAttachments()) {
            body.dropped.add(new DroppedAttachment(name, -1, DroppedAttachment.Reason.TOO_MANY));
            return;
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, options.maxAttachmentBytes() + 1));
            if (bytes.length > options.maxAttachmentBytes()) {
                long size = bytes.length + in.transferTo(OutputStreamSink.INSTANCE);
                body.dropped.add(new DroppedAttachment(name, size, DroppedAttachment.Reason.TOO_LARGE));
                return;
            }
        }
        String detected = tika.detect(bytes, name);
        String contentId = part instanceof MimePart mimePart ? firstId(mimePart.getContentID()) : null;
        boolean inline = Part.INLINE.equalsIgnoreCase(disposition(part)) || (contentId != null && disposition(part) == null);
        body.attachments.add(new MailAttachment(name, detected, declared, inline, contentId, bytes));
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    /**
     * Decodes a text part by its declared charset. ISO-8859-1 and US-ASCII are read as windows-1252 (what
     * every mail client and browser does: the C1 range carries smart quotes in practice); no or an unknown
     * charset is read as UTF-8 when the bytes are valid UTF-8, otherwise as windows-1252.
     */
    private static String decodeText(Part part, ContentType type) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        String declared = type == null ? null : type.getParameter("charset");
        Charset charset = charset(declared);
        if (charset == null) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException notUtf8) {
                charset = WINDOWS_1252;
            }
        }
        return new String(bytes, charset);
    }

    private static Charset charset(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        String name = declared.strip().replace("\"", "").toLowerCase(Locale.ROOT);
        if (name.equals("iso-8859-1") || name.equals("latin1") || name.equals("us-ascii") || name.equals("ascii")) {
            return WINDOWS_1252;
        }
        try {
            return Charset.forName(MimeUtility.javaCharset(name));
        } catch (RuntimeException unknown) {
            return null;
        }
    }

    // ---- headers ---------------------------------------------------------------------------------------

    private static ContentType contentType(Part part) throws MessagingException {
        String[] values = part.getHeader("Content-Type");
        if (values == null || values.length == 0) {
            return null;
        }
        try {
            return new ContentType(values[0]);
        } catch (jakarta.mail.internet.ParseException unparseable) {
            return new ContentType("application", "octet-stream", null);
        }
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException unparseable) {
            return null;
        }
    }

    private static String header(MimeMessage message, String name) throws MessagingException {
        return message.getHeader(name, ",");
    }

    private static String decodedHeader(MimeMessage message, String name) throws MessagingException {
        String value = message.getHeader(name, null);
        if (value == null) {
            return "";
        }
        String unfolded = MimeUtility.unfold(value);
        try {
            return MimeUtility.decodeText(unfolded).strip();
        } catch (java.io.UnsupportedEncodingException unknownCharset) {
            return unfolded.strip();
        }
    }

    private static Instant sentDate(MimeMessage message) {
        try {
            var date = message.getSentDate();
            return date == null ? null : date.toInstant();
        } catch (MessagingException unparseable) {
            return null;
        }
    }

    /** Addresses of a header, leniently: a malformed header yields what can be read, never an exception. */
    private static List<MailAddress> addresses(MimeMessage message, String name) throws MessagingException {
        String value = message.getHeader(name, ",");
        if (value == null || value.isBlank()) {
            return List.of();
        }
        Address[] parsed;
        try {
            parsed = InternetAddress.parseHeader(MimeUtility.unfold(value), false);
        } catch (AddressException malformed) {
            return List.of();
        }
        List<MailAddress> result = new ArrayList<>();
        for (Address address : parsed) {
            if (address instanceof InternetAddress internet && internet.getAddress() != null && !internet.getAddress().isBlank()) {
                String personal = internet.getPersonal();
                result.add(new MailAddress(internet.getAddress().strip(), personal == null || personal.isBlank() ? null : personal.strip()));
            }
        }
        return List.copyOf(result);
    }

    private static MailAddress first(List<MailAddress> addresses) {
        return addresses.isEmpty() ? null : addresses.get(0);
    }

    private static String firstId(String value) {
        List<String> ids = allIds(value);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        return value == null || value.isBlank() || value.strip().contains(" ") ? null : value.strip();
    }

    private static List<String> allIds(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher matcher = ANGLE_ID.matcher(value);
        while (matcher.find()) {
            if (!ids.contains(matcher.group(1))) {
                ids.add(matcher.group(1));
            }
        }
        return List.copyOf(ids);
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
