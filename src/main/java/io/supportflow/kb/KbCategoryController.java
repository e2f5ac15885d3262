package io.supportflow.kb;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/kb/categories")
@Tag(name = "Knowledge base")
@SecurityRequirement(name = "basic")
class KbCategoryController {

    record CategoryBody(@NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}<>]*") String name,
                        @Min(0) @Max(10_000) Integer position) {
    }

    private final KnowledgeBase kb;

    KbCategoryController(KnowledgeBase kb) {
        this.kb = kb;
    }

    @GetMapping
    List<KbRepository.Category> list() {
        return kb.categories();
    }

    @PostMapping
    ResponseEntity<KbRepository.Category> create(@Valid @RequestBody CategoryBody body) {
        KbRepository.Category category = kb.addCategory(body.name(), body.position() == null ? 0 : body.position());
        return ResponseEntity.created(URI.create("/api/v1/kb/categories/" + category.id())).body(category);
    }
}
