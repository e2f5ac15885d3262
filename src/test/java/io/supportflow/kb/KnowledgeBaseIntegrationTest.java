package io.supportflow.kb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import io.supportflow.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Knowledge-base articles over real HTTP, searched by PostgreSQL's full text search. */
@IntegrationTest
class KnowledgeBaseIntegrationTest {

    static final String ARTICLES = "/api/v1/kb/articles";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    Api agent() { return Api.as(port, "alice"); }

    Api anyone() { return Api.anonymous(port); }

    @Test
    void anAgentWritesAnArticleInMarkdownAndThePublicFindsItOncePublished() {
        String word = "zork" + UUID.randomUUID().toString().substring(0, 6);
        Api.Response created = agent().post(ARTICLES, article("Resetting your password " + word,
                "## Steps\n\n1. Open **Settings**\n2. Choose *Reset passwords* for " + word + "\n\n[Help](https://example.com)",
                "en", "PUBLIC", "DRAFT"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode view = created.json();
        long id = view.get("id").asLong();
        assertThat(created.header("Location")).isEqualTo(ARTICLES + "/" + id);
        assertThat(view.get("slug").asText()).isEqualTo("resetting-your-password-" + word);
        assertThat(view.get("bodyHtml").asText()).contains("<h2>Steps</h2>", "<strong>Settings</strong>",
                "<a href=\"https://example.com\" rel=\"nofollow noopener noreferrer\">Help</a>");
        assertThat(view.get("author").asText()).isEqualTo("alice");
        assertThat(view.has("publishedAt")).isFalse();

        assertThat(publicSearch(word)).as("a draft is not public").isEmpty();
        assertThat(agent().get(ARTICLES + "?q=" + word).json()).as("agents find drafts").hasSize(1);

        Api.Response published = agent().send("PUT", ARTICLES + "/" + id, article("Resetting your password " + word,
                "## Steps\n\nChoose *Reset passwords* for " + word, "en", "PUBLIC", "PUBLISHED"));
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.json().get("publishedAt").asText()).isNotEmpty();

        JsonNode hits = publicSearch("resetting password " + word);
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).get("title").asText()).isEqualTo("Resetting your password " + word);
        assertThat(hits.get(0).get("snippet").asText()).as("stemmed: 'resetting' matched 'Reset'")
                .contains("<mark>Reset</mark>", "<mark>" + word + "</mark>");
        JsonNode page = anyone().get("/api/portal/v1/kb/articles/resetting-your-password-" + word).json();
        assertThat(page.get("bodyHtml").asText()).contains("<em>Reset passwords</em>");
        assertThat(page.has("author")).as("no staff names in public").isFalse();

        assertThat(agent().delete(ARTICLES + "/" + id).status()).isEqualTo(204);
        assertThat(publicSearch(word)).isEmpty();
        assertThat(anyone().get("/api/portal/v1/kb/articles/resetting-your-password-" + word).status()).isEqualTo(404);
    }

    @Test
    void searchStemsEachArticleInItsOwnLanguageAndRanksTitlesFirst() {
        String word = "qx" + UUID.randomUUID().toString().substring(0, 6);
        post(article("Factures et paiements " + word, "Comment télécharger vos factures mensuelles.", "fr", "PUBLIC", "PUBLISHED"));
        post(article("Exporting data " + word, "You can export invoices too.", "en", "PUBLIC", "PUBLISHED"));
        post(article("Invoices explained " + word, "Everything about billing.", "en", "PUBLIC", "PUBLISHED"));
        post(article("Internal: invoice fraud " + word, "Do not share.", "en", "INTERNAL", "PUBLISHED"));

        JsonNode french = publicSearch("facture " + word);
        assertThat(french).extracting(h -> h.get("title").asText()).containsExactly("Factures et paiements " + word);
        JsonNode english = publicSearch("invoice " + word);
        assertThat(english).extracting(h -> h.get("title").asText())
                .as("title matches rank above body matches; internal articles never public")
                .containsExactly("Invoices explained " + word, "Exporting data " + word);
        assertThat(anyone().get("/api/portal/v1/kb/search?language=fr&q=" + enc("invoice " + word)).json()).isEmpty();
        assertThat(agent().get(ARTICLES + "?q=" + enc("invoice " + word)).json()).as("agents see internal articles too").hasSize(3);
    }

    @Test
    void hostileMarkdownAndSearchTextNeverBecomeMarkup() {
        String word = "xss" + UUID.randomUUID().toString().substring(0, 6);
        Api.Response created = post(article("<script>alert(1)</script> " + word,
                "<script>alert('x')</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) " + word
                        + " <b onmouseover=alert(4)>bold</b>", "en", "PUBLIC", "PUBLISHED"));
        String html = created.json().get("bodyHtml").asText();
        var document = org.jsoup.Jsoup.parse(html);
        assertThat(document.select("script, img, [onerror], [onmouseover], a[href^=javascript]")).as(html).isEmpty();
        assertThat(html).as("raw HTML in Markdown is shown as text").contains("&lt;script&gt;");
        JsonNode hit = publicSearch(word).get(0);
        assertThat(hit.get("snippet").asText()).doesNotContain("<script", "<img", "<b ").contains("&lt;b onmouseover", "<mark>" + word + "</mark>");
        assertThat(publicSearch("<script>alert(1)</script>")).isNotNull();
        assertThat(publicSearch("'; DROP TABLE kb_article; --")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM kb_article").query(Long.class).single()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"title\": \"\", \"body\": \"x\", \"language\": \"en\", \"visibility\": \"PUBLIC\", \"status\": \"DRAFT\"}",
            "{\"title\": \"T\", \"body\": \"x\", \"language\": \"de\", \"visibility\": \"PUBLIC\", \"status\": \"DRAFT\"}",
            "{\"title\": \"T\", \"body\": \"x\", \"language\": \"en\", \"visibility\": \"SECRET\", \"status\": \"DRAFT\"}",
            "{\"title\": \"T\", \"body\": 42, \"language\": \"en\", \"visibility\": \"PUBLIC\", \"status\": \"DRAFT\"}",
            "{\"title\": \"T\", \"body\": \"x\", \"language\": \"en\", \"visibility\": \"PUBLIC\", \"status\": \"DRAFT\", \"slug\": \"../../etc/passwd\"}",
            "{\"title\": \"T\", \"body\": \"x\", \"language\": \"en\", \"visibility\": \"PUBLIC\", \"status\": \"DRAFT\", \"tags\": [\"<b>\"]}",
            "{\"title\": \"T\", \"body\": \"x\", \"language\": \"en\", \"visibility\": \"PUBLIC\", \"status\": \"DRAFT\", \"tags\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}",
            "{\"title\": \"T\", \"body\": \"x\", \"language\": \"en\", \"visibility\": \"PUBLIC\", \"status\": \"DRAFT\", \"categoryId\": \"one\"}",
            "{\"title\": \"T\", \"body\": \"x\", \"language\": \"en\", \"visibility\": \"PUBLIC\", \"status\": \"DRAFT\", \"unknown\": 1}",
            "not json"})
    void badArticlesGetAProblemAndStoreNothing(String body) {
        long before = jdbc.sql("SELECT count(*) FROM kb_article").query(Long.class).single();
        Api.Response response = agent().send("POST", ARTICLES, body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(jdbc.sql("SELECT count(*) FROM kb_article").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void hugeBodiesAndBadQueriesAreRefused() {
        assertThat(agent().post(ARTICLES, article("Huge", "x".repeat(200_001), "en", "PUBLIC", "DRAFT")).status()).isIn(400, 413);
        assertThat(anyone().get("/api/portal/v1/kb/search?q=").status()).isEqualTo(400);
        assertThat(anyone().get("/api/portal/v1/kb/search").status()).isEqualTo(400);
        assertThat(anyone().get("/api/portal/v1/kb/search?q=" + "a".repeat(201)).status()).isEqualTo(400);
        assertThat(anyone().get("/api/portal/v1/kb/search?q=x&limit=0").status()).isEqualTo(400);
        assertThat(anyone().get("/api/portal/v1/kb/articles/..%2F..%2Fetc").status()).isIn(400, 404);
        assertThat(agent().get(ARTICLES + "/abc").status()).isEqualTo(400);
        assertThat(agent().get(ARTICLES + "/999999999").status()).isEqualTo(404);
    }

    @Test
    void articlesBelongToExistingCategories() {
        String name = "Billing " + UUID.randomUUID().toString().substring(0, 8);
        Api.Response category = agent().post("/api/v1/kb/categories", Map.of("name", name, "position", 2));
        assertThat(category.status()).as(category.body()).isEqualTo(201);
        long id = category.json().get("id").asLong();
        assertThat(agent().post("/api/v1/kb/categories", Map.of("name", name)).status()).isEqualTo(409);
        assertThat(agent().post("/api/v1/kb/categories", Map.of("name", "<script>")).status()).isEqualTo(400);
        assertThat(agent().get("/api/v1/kb/categories").json()).anySatisfy(c -> assertThat(c.get("name").asText()).isEqualTo(name));

        Map<String, Object> inCategory = article("Categorised " + UUID.randomUUID(), "x", "en", "PUBLIC", "DRAFT");
        inCategory.put("categoryId", id);
        assertThat(post(inCategory).json().get("categoryId").asLong()).isEqualTo(id);
        inCategory.put("categoryId", 999_999_999L);
        inCategory.put("title", "Other " + UUID.randomUUID());
        Api.Response unknown = agent().post(ARTICLES, inCategory);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.body()).contains("categoryId");
    }

    @Test
    void theDemoHelpCentreAnswersInEnglishAndFrench() {
        assertThat(publicSearch("forgot password")).extracting(h -> h.get("slug").asText()).contains("resetting-your-password");
        assertThat(publicSearch("télécharger factures")).extracting(h -> h.get("slug").asText()).contains("telecharger-vos-factures");
    }

    @Test
    void writingNeedsAnAccountAndSlugsStayUnique() {
        assertThat(anyone().post(ARTICLES, article("Anon", "x", "en", "PUBLIC", "DRAFT")).status()).isEqualTo(401);
        assertThat(anyone().get(ARTICLES).status()).isEqualTo(401);
        String title = "Same title " + UUID.randomUUID();
        post(article(title, "x", "en", "PUBLIC", "DRAFT"));
        assertThat(agent().post(ARTICLES, article(title, "y", "en", "PUBLIC", "DRAFT")).status()).isEqualTo(409);
    }

    // --- helpers -----------------------------------------------------------------------------

    Api.Response post(Map<String, Object> article) {
        Api.Response created = agent().post(ARTICLES, article);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created;
    }

    JsonNode publicSearch(String q) {
        Api.Response response = anyone().get("/api/portal/v1/kb/search?q=" + enc(q));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, Object> article(String title, String body, String language, String visibility, String status) {
        Map<String, Object> a = new HashMap<>();
        a.put("title", title);
        a.put("body", body);
        a.put("language", language);
        a.put("visibility", visibility);
        a.put("status", status);
        a.put("tags", List.of("help"));
        return a;
    }
}
