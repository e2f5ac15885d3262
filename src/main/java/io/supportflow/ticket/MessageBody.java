package io.supportflow.ticket;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * A message body as stored: sanitised HTML (safe to render) and its plain-text twin. Plain text
 * input is escaped, never interpreted; HTML input keeps formatting but loses scripts, event
 * handlers, styles and anything outside a fixed allow-list.
 */
public record MessageBody(String html, String text) {

    public enum Format { TEXT, HTML }

    private static final Safelist SAFE = Safelist.relaxed()
            .removeTags("img")
            .addAttributes("a", "rel", "target")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
            .addProtocols("a", "href", "http", "https", "mailto");

    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    public static MessageBody of(String input, Format format) {
        return format == Format.HTML ? fromHtml(input) : fromText(input);
    }

    public static MessageBody fromText(String text) {
        String normalised = text.replace("\r\n", "\n").strip();
        StringBuilder html = new StringBuilder();
        for (String paragraph : normalised.split("\n{2,}")) {
            html.append("<p>").append(org.jsoup.nodes.Entities.escape(paragraph).replace("\n", "<br>")).append("</p>");
        }
        return new MessageBody(html.toString(), normalised);
    }

    public static MessageBody fromHtml(String html) {
        String clean = Jsoup.clean(html, "", SAFE, COMPACT);
        Document document = Jsoup.parseBodyFragment(clean);
        document.outputSettings(COMPACT);
        document.select("br").after("\\n");
        document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote").before("\\n\\n");
        String text = document.text().replace("\\n", "\n").replaceAll("[ \\t]*\n[ \\t]*", "\n")
                .replaceAll("\n{3,}", "\n\n").strip();
        return new MessageBody(clean, text);
    }
}
