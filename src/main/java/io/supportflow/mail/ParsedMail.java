package io.supportflow.mail;

import java.time.Instant;
import java.util.List;

/**
 * One inbound message, decoded and sanitised, not yet matched to a ticket.
 *
 * @param messageId            the Message-ID without angle brackets; when the message has none, a stable
 *                             id synthesised from a SHA-256 of the raw bytes ({@code <hex>@synthesised.invalid},
 *                             see {@link #messageIdSynthesised()}), so re-delivery of the same bytes dedupes
 * @param inReplyTo            the first Message-ID of In-Reply-To (null when absent)
 * @param references           the Message-IDs of References, oldest first
 * @param from                 the sender (null when the From header is missing or unparseable)
 * @param replyTo              Reply-To addresses (empty when absent)
 * @param to                   To recipients
 * @param cc                   Cc recipients
 * @param deliveredTo          the envelope recipients the receiving server recorded (Delivered-To, X-Original-To)
 * @param subject              the decoded subject ("" when absent)
 * @param date                 the Date header (null when absent or unparseable)
 * @param text                 the plain-text body: text/plain when present, else derived from the sanitised HTML
 * @param html                 the sanitised HTML body (null when the message had no HTML part)
 * @param replyText            {@link #text()} without quoted history and signature: what the customer newly wrote
 * @param attachments          kept attachments, inline images included
 * @param droppedAttachments   attachments left out because of a limit
 * @param classification       whether a person wrote this, or an auto-reply, list, bounce or our own mail
 * @param classificationReason the header that decided the classification (null for NORMAL)
 * @param hints                candidate ticket references (unverified; the matcher decides)
 */
public record ParsedMail(
        String messageId,
        boolean messageIdSynthesised,
        String inReplyTo,
        List<String> references,
        MailAddress from,
        List<MailAddress> replyTo,
        List<MailAddress> to,
        List<MailAddress> cc,
        List<MailAddress> deliveredTo,
        String subject,
        Instant date,
        String text,
        String html,
        String replyText,
        List<MailAttachment> attachments,
        List<DroppedAttachment> droppedAttachments,
        Classification classification,
        String classificationReason,
        ThreadHints hints) implements ParseResult {

    /**
     * What the message offers for finding its ticket, in the order the matcher should try them.
     *
     * @param plusTokens           the sub-address of every recipient with one ({@code support+TOKEN@…} gives
     *                             {@code TOKEN}), unverified — {@link ReplyTokens#verify(String)} decides
     * @param threadMessageIds     In-Reply-To first, then References newest first, without duplicates
     * @param subjectTicketNumbers ticket numbers found in the subject (trust only when the sender is the requester)
     */
    public record ThreadHints(List<String> plusTokens, List<String> threadMessageIds, List<String> subjectTicketNumbers) {
    }
}
