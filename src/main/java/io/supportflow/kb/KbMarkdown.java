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

    private KbMarkdown() {
    }
}
