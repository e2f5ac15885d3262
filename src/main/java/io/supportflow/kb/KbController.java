package io.supportflow.kb;

import io.supportflow.identity.CurrentAgent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/kb/articles")
@Validated
@Tag(name = "Knowledge base", description = "Agents write articles in Markdown; published public ones appear in the portal's search")
@SecurityRequirement(name = "basic")
class KbController {

    record ArticleBody(@NotBlank @Size(max = 200) String title,
                       @Size(max = 120) String slug,
                       @NotNull @Size(min = 1, max = 200_000) String body,
                       @Size(max = 5) List<String> tags,
                       @NotNull KbArticle.Language language,
                       @NotNull KbArticle.Visibility visibility,
                       @NotNull KbArticle.Status status,
                       @Positive Long categoryId) {
    }

    record ArticleView(long id, String slug, String title, String bodyMarkdown, String bodyHtml, List<String> tags,
                       KbArticle.Language language, KbArticle.Visibility visibility, KbArticle.Status status, Long categoryId,
                       String author, Instant createdAt, Instant updatedAt, Instant publishedAt) {

        static ArticleView of(KbArticle a) {
            return new ArticleView(a.id(), a.slug(), a.title(), a.bodyMarkdown(), a.bodyHtml(), a.tags(), a.language(),
                    a.visibility(), a.status(), a.categoryId(), a.author(), a.createdAt(), a.updatedAt(), a.publishedAt());
        }
    }

    private final KnowledgeBase kb;
    private final CurrentAgent currentAgent;

    KbController(KnowledgeBase kb, CurrentAgent currentAgent) {
        this.kb = kb;
        this.currentAgent = currentAgent;
    }

    @PostMapping
    @Operation(summary = "Write an article (Markdown; raw HTML in it is shown as text)")
    ResponseEntity<ArticleView> create(@Valid @RequestBody ArticleBody body) {
        KbArticle article = kb.create(draft(body), currentAgent.get().id());
        return ResponseEntity.created(URI.create("/api/v1/kb/articles/" + article.id())).body(ArticleView.of(article));
    }

    @GetMapping
    @Operation(summary = "The latest articles, or a full-text search of all of them (drafts and internal ones included) with q")
    Object list(@RequestParam(required = false) @Size(min = 1, max = 200) String q,
            @RequestParam(required = false) KbArticle.Language language,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        if (q != null) {
            return kb.search(q, language, limit);
        }
        return kb.list(limit).stream().map(ArticleView::of).toList();
    }

    @GetMapping("/{id}")
    ArticleView get(@PathVariable @Positive long id) {
        return ArticleView.of(kb.get(id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace an article; publishing sets its publication time once")
    ArticleView replace(@PathVariable @Positive long id, @Valid @RequestBody ArticleBody body) {
        return ArticleView.of(kb.replace(id, draft(body)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable @Positive long id) {
        kb.delete(id);
        return ResponseEntity.noContent().build();
    }

    private static KnowledgeBase.Draft draft(ArticleBody b) {
        return new KnowledgeBase.Draft(b.title(), b.slug(), b.body(), b.tags(), b.language(), b.visibility(), b.status(), b.categoryId());
    }
}
