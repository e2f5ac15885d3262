package io.supportflow.kb;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/**
 * Article bodies: Markdown rendered by CommonMark (raw HTML in the source escaped, unsafe link
 * schemes dropped), then sanitised again with an allow-list, so nothing active reaches a reader.
 */
final class KbMarkdown {

    record Rendered(String html, String text) {
    }

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final Safelist SAFE = Safelist.relaxed().removeTags("img")
            .addAttributes("a", "rel").addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
            .addProtocols("a", "href", "http", "https", "mailto");

    static Rendered render(String markdown) {
        String html = Jsoup.clean(RENDERER.render(PARSER.parse(markdown)), SAFE);
        return new Rendered(html, Jsoup.parse(html).text());
    }

    /** The text of rendered article HTML, one line per paragraph, heading or list item (sentences stay apart). */
    static String text(String html) {
        var document = Jsoup.parse(html);
        var blocks = document.select("p, li, h1, h2, h3, h4, h5, h6, pre, blockquote");
        if (blocks.isEmpty()) {
            return document.text();
        }
        StringBuilder text = new StringBuilder();
        blocks.forEach(b -> {
            String line = b.ownText().isBlank() && b.children().isEmpty() ? "" : b.text().strip();
            if (!line.isEmpty() && b.parents().stream().noneMatch(p -> blocks.contains(p))) {
                text.append(line).append(line.matches(".*[.!?:]$") ? "\n" : ".\n");
            }
        });
        return text.toString().strip();
    }

    private KbMarkdown() {
    }
}
