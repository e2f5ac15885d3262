package io.supportflow.mail;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Sanitised HTML and its plain-text twin for mail bodies. The same allow-list as the ticket
 * module's MessageBody (which is package-private there); once MessageBody is part of the ticket
 * module's public API this copy goes away.
 */
final class MailHtml {

    private static final Safelist SAFE = Safelist.relaxed()
            .removeTags("img")
            .addAttributes("a", "rel", "target")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
            .addProtocols("a", "href", "http", "https", "mailto");

    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    private MailHtml() {
    }

    static String sanitise(String html) {
        return Jsoup.clean(html, "", SAFE, COMPACT);
    }

    /** Plain text of already sanitised HTML, keeping paragraph and line breaks. */
    static String toText(String sanitisedHtml) {
        Document document = Jsoup.parseBodyFragment(sanitisedHtml);
        document.outputSettings(COMPACT);
        document.select("br").after("\\n");
        document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote").before("\\n\\n");
        return document.text().replace("\\n", "\n").replaceAll("[ \\t]*\n[ \\t]*", "\n")
                .replaceAll("\n{3,}", "\n\n").strip();
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
