package io.supportflow.mail;

import io.supportflow.ticket.MessageBody;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Mail-specific HTML handling; sanitising itself is the ticket module's {@link MessageBody}. */
final class MailHtml {

    private MailHtml() {
    }

    static String sanitise(String html) {
        return MessageBody.fromHtml(html).html();
    }

    /** Plain text of already sanitised HTML, keeping paragraph and line breaks. */
    static String toText(String sanitisedHtml) {
        return MessageBody.fromHtml(sanitisedHtml).text();
    }

    /**
     * The HTML without the quoted history that mail clients mark up: Gmail's div.gmail_quote, Apple Mail's
     * and Thunderbird's blockquote[type=cite] (and the attribution line before it), Outlook's divRplyFwdMsg
     * (and everything after it). Works on the raw HTML, before sanitising removes the classes and ids.
     */
    static String withoutQuotedHistory(String rawHtml) {
        Document document = Jsoup.parse(rawHtml);
        document.select(".gmail_quote, .gmail_quote_container, .moz-cite-prefix, blockquote[type=cite], .gmail_signature, .moz-signature").remove();
        for (var marker : document.select("#divRplyFwdMsg, #appendonsend, div[style*=border-top:solid #E1E1E1], div[style*=border-top: solid #E1E1E1]")) {
            var parent = marker.parent();
            int index = marker.siblingIndex();
            if (parent != null) {
                var siblings = parent.childNodes();
                for (int i = siblings.size() - 1; i >= index; i--) {
                    siblings.get(i).remove();
                }
            }
        }
        return document.body() == null ? "" : document.body().html();
    }
}
