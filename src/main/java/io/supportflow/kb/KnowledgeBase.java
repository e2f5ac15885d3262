package io.supportflow.kb;

import io.supportflow.common.ConflictException;
import io.supportflow.common.InvalidInputException;
import io.supportflow.common.NotFoundException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What agents do to knowledge-base articles, and what anyone may read of them. */
@Service
@Transactional
public class KnowledgeBase {

    record Draft(String title, String slug, String bodyMarkdown, List<String> tags, KbArticle.Language language,
                 KbArticle.Visibility visibility, KbArticle.Status status, Long categoryId) {
    }

    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final int MAX_TAGS = 5;

    private final KbRepository articles;
    private final String tenant;

    KnowledgeBase(KbRepository articles, @Value("${supportflow.tickets.tenant:default}") String tenant) {
        this.articles = articles;
        this.tenant = tenant;
    }

    KbArticle create(Draft draft, String author) {
        checkCategory(draft.categoryId());
        Instant now = ClockUtil.now().toInstant();
        String slug = slug(draft, 0);
        KbMarkdown.Rendered body = render(draft.bodyMarkdown());
        KbArticle article = new KbArticle(0, draft.categoryId(), slug, clean(draft.title()), draft.bodyMarkdown(), body.html(),
                tags(draft.tags()), draft.language(), draft.visibility(), draft.status(), author, now, now,
                draft.status() == KbArticle.Status.PUBLISHED ? now : null);
        long id = articles.insert(tenant, article, body.text());
        return get(id);
    }

    KbArticle replace(long id, Draft draft) {
        KbArticle current = get(id);
        checkCategory(draft.categoryId());
        Instant now = ClockUtil.now().toInstant();
        KbMarkdown.Rendered body = render(draft.bodyMarkdown());
        Instant published = draft.status() == KbArticle.Status.PUBLISHED
                ? (current.publishedAt() != null ? current.publishedAt() : now) : null;
        articles.update(tenant, new KbArticle(id, draft.categoryId(), slug(draft, id), clean(draft.title()), draft.bodyMarkdown(),
                body.html(), tags(draft.tags()), draft.language(), draft.visibility(), draft.status(), current.author(),
                current.createdAt(), now, published), body.text());
        return get(id);
    }

    void delete(long id) {
        if (!articles.delete(tenant, id)) {
            throw new NotFoundException("No article with this id.");
        }
    }

    @Transactional(readOnly = true)
    KbArticle get(long id) {
        return articles.find(tenant, id).orElseThrow(() -> new NotFoundException("No article with this id."));
    }

    @Transactional(readOnly = true)
    List<KbArticle> list(int limit) {
        return articles.list(tenant, limit);
    }

    /** Agents search every article, drafts and internal ones included. */
    @Transactional(readOnly = true)
    List<KbArticle.Hit> search(String query, KbArticle.Language language, int limit) {
        return articles.search(tenant, query, language, false, limit);
    }

    /** Anyone: published public articles only. */
    @Transactional(readOnly = true)
    public List<KbArticle.Hit> searchPublic(String query, KbArticle.Language language, int limit) {
        return articles.search(tenant, query, language, true, limit);
    }

    /**
     * The best published public articles for a query, as plain text: what the help centre shows anyone, and nothing
     * else (no drafts, no internal articles). Words are matched with "or" so a long question still finds articles.
     */
    @Transactional(readOnly = true)
    public List<KbPassage> publicPassages(List<String> words, int limit) {
        String query = String.join(" or ", words.stream().filter(w -> w.matches("[\\p{L}\\p{N}'-]{1,60}")).limit(20).toList());
        if (query.isBlank()) {
            return List.of();
        }
        return articles.search(tenant, query, null, true, limit).stream()
                .flatMap(hit -> articles.find(tenant, hit.id()).stream()
                        .filter(a -> a.status() == KbArticle.Status.PUBLISHED && a.visibility() == KbArticle.Visibility.PUBLIC)
                        .map(a -> new KbPassage(a.slug(), a.title(), KbMarkdown.text(a.bodyHtml()), a.language().name(), hit.rank())))
                .toList();
    }

    /** Whether a published public article has this slug (for other capabilities, e.g. the portal's deflections). */
    @Transactional(readOnly = true)
    public boolean isPublishedPublic(String slug) {
        return articles.findPublic(tenant, slug).isPresent();
    }

    @Transactional(readOnly = true)
    KbArticle getPublic(String slug) {
        return articles.findPublic(tenant, slug).orElseThrow(() -> new NotFoundException("No published article with this address."));
    }

    @Transactional(readOnly = true)
    List<KbRepository.Category> categories() {
        return articles.categories(tenant);
    }

    KbRepository.Category addCategory(String name, int position) {
        return articles.addCategory(tenant, clean(name), position)
                .orElseThrow(() -> new ConflictException("A category with this name exists."));
    }

    private void checkCategory(Long categoryId) {
        if (categoryId != null && !articles.categoryExists(tenant, categoryId)) {
            throw new InvalidInputException("categoryId", "Unknown category.");
        }
    }

    private String slug(Draft draft, long id) {
        String slug = draft.slug() != null ? draft.slug() : slugOf(draft.title());
        if (!SLUG.matcher(slug).matches() || slug.length() > 120) {
            throw new InvalidInputException("slug", "A slug is lowercase letters, digits and single hyphens, at most 120 characters.");
        }
        if (articles.slugTaken(tenant, slug, id)) {
            throw new ConflictException("Another article already uses the slug '" + slug + "'.");
        }
        return slug;
    }

    static String slugOf(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        slug = slug.length() > 100 ? slug.substring(0, 100).replaceAll("-+$", "") : slug;
        return slug.isEmpty() ? "article" : slug;
    }

    private static KbMarkdown.Rendered render(String markdown) {
        KbMarkdown.Rendered rendered = KbMarkdown.render(markdown);
        return new KbMarkdown.Rendered(rendered.html(), CONTROL.matcher(rendered.text()).replaceAll(" "));
    }

    private static String clean(String title) {
        return CONTROL.matcher(title).replaceAll(" ").strip();
    }

    private static List<String> tags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        Set<String> clean = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag == null || !tag.strip().matches("[\\p{L}\\p{N}_.-]{1,50}")) {
                throw new InvalidInputException("tags", "A tag is 1 to 50 letters, digits, '_', '.' or '-'.");
            }
            clean.add(tag.strip().toLowerCase(Locale.ROOT));
        }
        if (clean.size() > MAX_TAGS) {
            throw new InvalidInputException("tags", "At most " + MAX_TAGS + " tags.");
        }
        return List.copyOf(clean);
    }
}
