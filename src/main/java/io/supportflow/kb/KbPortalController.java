package io.supportflow.kb;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Public on purpose: the help centre is read without an account. Only published public articles. */
@RestController
@RequestMapping("/api/portal/v1/kb")
@Validated
@Tag(name = "Help centre (public)", description = "Published public knowledge-base articles; no account needed")
class KbPortalController {

    record PublicArticle(String slug, String title, String bodyHtml, List<String> tags, KbArticle.Language language,
                         Instant publishedAt, Instant updatedAt) {
    }

    private final KnowledgeBase kb;

    KbPortalController(KnowledgeBase kb) {
        this.kb = kb;
    }

    @GetMapping("/search")
    @Operation(summary = "Full-text search (English and French stemming, ranked, with highlighted snippets)")
    List<KbArticle.Hit> search(@RequestParam @NotBlank @Size(max = 200) String q,
            @RequestParam(required = false) KbArticle.Language language,
            @RequestParam(defaultValue = "10") @Min(1) @Max(50) int limit) {
        return kb.searchPublic(q, language, limit);
    }

    @GetMapping("/articles/{slug}")
    PublicArticle article(@PathVariable @Pattern(regexp = "[a-z0-9]+(?:-[a-z0-9]+)*") @Size(max = 120) String slug) {
        KbArticle a = kb.getPublic(slug);
        return new PublicArticle(a.slug(), a.title(), a.bodyHtml(), a.tags(), a.language(), a.publishedAt(), a.updatedAt());
    }
}
