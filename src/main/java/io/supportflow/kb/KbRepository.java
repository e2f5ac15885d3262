package io.supportflow.kb;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.web.util.HtmlUtils;

@Repository
class KbRepository {

    /** Control characters PostgreSQL's ts_headline never emits on its own: the snippet's highlight markers. */
    private static final String START = "\u0002";
    private static final String STOP = "\u0003";

    private static final String COLUMNS = """
            id, category_id, slug, title, body_markdown, body_html, tags, language, visibility, status, author,
            created_at, updated_at, published_at""";

    private final JdbcClient jdbc;

    KbRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String tenant, KbArticle a, String bodyText) {
        return jdbc.sql("""
                INSERT INTO kb_article (tenant_id, category_id, slug, title, body_markdown, body_html, body_text, tags, language,
                    visibility, status, author, created_at, updated_at, published_at)
                VALUES (:tenant, :category, :slug, :title, :markdown, :html, :text, :tags, :language, :visibility, :status,
                    :author, :created, :updated, :published) RETURNING id""")
                .param("tenant", tenant).param("category", a.categoryId()).param("slug", a.slug()).param("title", a.title())
                .param("markdown", a.bodyMarkdown()).param("html", a.bodyHtml()).param("text", bodyText)
                .param("tags", a.tags().toArray(String[]::new)).param("language", a.language().name())
                .param("visibility", a.visibility().name()).param("status", a.status().name()).param("author", a.author())
                .param("created", ts(a.createdAt())).param("updated", ts(a.updatedAt())).param("published", ts(a.publishedAt()))
                .query(Long.class).single();
    }

    boolean update(String tenant, KbArticle a, String bodyText) {
        return jdbc.sql("""
                UPDATE kb_article SET category_id = :category, slug = :slug, title = :title, body_markdown = :markdown,
                    body_html = :html, body_text = :text, tags = :tags, language = :language, visibility = :visibility,
                    status = :status, updated_at = :updated, published_at = :published
                WHERE tenant_id = :tenant AND id = :id""")
                .param("tenant", tenant).param("id", a.id()).param("category", a.categoryId()).param("slug", a.slug())
                .param("title", a.title()).param("markdown", a.bodyMarkdown()).param("html", a.bodyHtml()).param("text", bodyText)
                .param("tags", a.tags().toArray(String[]::new)).param("language", a.language().name())
                .param("visibility", a.visibility().name()).param("status", a.status().name())
                .param("updated", ts(a.updatedAt())).param("published", ts(a.publishedAt()))
                .update() == 1;
    }

    boolean delete(String tenant, long id) {
        return jdbc.sql("DELETE FROM kb_article WHERE tenant_id = :tenant AND id = :id").param("tenant", tenant).param("id", id).update() == 1;
    }

    Optional<KbArticle> find(String tenant, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM kb_article WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant).param("id", id).query(this::map).optional();
    }

    Optional<KbArticle> findPublic(String tenant, String slug) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM kb_article WHERE tenant_id = :tenant AND slug = :slug"
                        + " AND visibility = 'PUBLIC' AND status = 'PUBLISHED'")
                .param("tenant", tenant).param("slug", slug).query(this::map).optional();
    }

    boolean categoryExists(String tenant, long id) {
        return jdbc.sql("SELECT count(*) FROM kb_category WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant).param("id", id).query(Long.class).single() > 0;
    }

    record Category(long id, String name, int position) {
    }

    List<Category> categories(String tenant) {
        return jdbc.sql("SELECT id, name, position FROM kb_category WHERE tenant_id = :tenant ORDER BY position, name")
                .param("tenant", tenant).query((rs, n) -> new Category(rs.getLong(1), rs.getString(2), rs.getInt(3))).list();
    }

    /** Empty when the name is taken. */
    Optional<Category> addCategory(String tenant, String name, int position) {
        return jdbc.sql("""
                INSERT INTO kb_category (tenant_id, name, position) VALUES (:tenant, :name, :position)
                ON CONFLICT (tenant_id, name) DO NOTHING RETURNING id, name, position""")
                .param("tenant", tenant).param("name", name).param("position", position)
                .query((rs, n) -> new Category(rs.getLong(1), rs.getString(2), rs.getInt(3))).optional();
    }

    boolean slugTaken(String tenant, String slug, long exceptId) {
        return jdbc.sql("SELECT count(*) FROM kb_article WHERE tenant_id = :tenant AND slug = :slug AND id <> :id")
                .param("tenant", tenant).param("slug", slug).param("id", exceptId).query(Long.class).single() > 0;
    }

    List<KbArticle> list(String tenant, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM kb_article WHERE tenant_id = :tenant ORDER BY updated_at DESC, id DESC LIMIT :limit")
                .param("tenant", tenant).param("limit", limit).query(this::map).list();
    }

    /**
     * Full-text search in each article's own language (English or French stemming), ranked with
     * the title first; {@code publicOnly} restricts to published public articles.
     */
    List<KbArticle.Hit> search(String tenant, String query, KbArticle.Language language, boolean publicOnly, int limit) {
        return jdbc.sql("""
                SELECT a.id, a.slug, a.title, a.language,
                       ts_rank_cd(a.search_vector, q.query) AS rank,
                       ts_headline(q.config, a.body_text, q.query,
                           'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=" … "') AS snippet
                FROM kb_article a
                JOIN (VALUES ('en', 'english'::regconfig, websearch_to_tsquery('english', :q)),
                             ('fr', 'french'::regconfig, websearch_to_tsquery('french', :q))) AS q(language, config, query)
                  ON q.language = a.language
                WHERE a.tenant_id = :tenant AND a.search_vector @@ q.query
                  AND (CAST(:language AS varchar) IS NULL OR a.language = :language)
                  AND (NOT :publicOnly OR (a.visibility = 'PUBLIC' AND a.status = 'PUBLISHED'))
                ORDER BY rank DESC, a.id DESC
                LIMIT :limit""")
                .param("tenant", tenant).param("q", query).param("language", language == null ? null : language.name())
                .param("publicOnly", publicOnly).param("limit", limit)
                .query((rs, n) -> new KbArticle.Hit(rs.getLong("id"), rs.getString("slug"), rs.getString("title"),
                        highlight(rs.getString("snippet")), KbArticle.Language.valueOf(rs.getString("language")), rs.getDouble("rank")))
                .list();
    }

    /** Escapes the article text, then turns the markers into {@code <mark>}: the text itself can never add markup. */
    static String highlight(String snippet) {
        return HtmlUtils.htmlEscape(snippet).replace(START, "<mark>").replace(STOP, "</mark>");
    }

    private KbArticle map(ResultSet rs, int row) throws SQLException {
        Array tags = rs.getArray("tags");
        return new KbArticle(rs.getLong("id"), (Long) rs.getObject("category_id"), rs.getString("slug"), rs.getString("title"),
                rs.getString("body_markdown"), rs.getString("body_html"), Arrays.asList((String[]) tags.getArray()),
                KbArticle.Language.valueOf(rs.getString("language")), KbArticle.Visibility.valueOf(rs.getString("visibility")),
                KbArticle.Status.valueOf(rs.getString("status")), rs.getString("author"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "published_at"));
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
