package io.supportflow.kb;

import java.time.Instant;
import java.util.List;

record KbArticle(long id, Long categoryId, String slug, String title, String bodyMarkdown, String bodyHtml, List<String> tags,
                 Language language, Visibility visibility, Status status, String author, Instant createdAt,
                 Instant updatedAt, Instant publishedAt) {

    enum Language { en, fr }

    enum Visibility { PUBLIC, INTERNAL }

    enum Status { DRAFT, PUBLISHED }

    /** A search hit: the snippet is HTML-escaped text with the matched words in {@code <mark>}. */
    record Hit(long id, String slug, String title, String snippet, Language language, double rank) {
    }
}
