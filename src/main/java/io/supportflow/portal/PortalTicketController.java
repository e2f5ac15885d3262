package io.supportflow.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportflow.common.InvalidInputException;
import io.supportflow.common.ProblemText;
import io.supportflow.common.Uploads;
import io.supportflow.customer.CustomerPrincipal;
import io.supportflow.mail.TicketAttachments;
import io.supportflow.ticket.RequesterTickets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * The signed-in customer's tickets. Another customer's ticket number, or an attachment that is not on one of
 * the ticket's public messages, is always 404, never 403: the answer never confirms that it exists.
 */
@RestController
@RequestMapping("/api/portal/v1/tickets")
@Validated
@Tag(name = "Portal tickets", description = "My tickets: list, detail (public messages only), reply, new ticket, attachments")
class PortalTicketController {

    /** The portal's display languages: a new ticket may carry the one the customer reads the portal in. */
    static final String LANGUAGES = "en|fr";
    static final String NUMBER_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$";
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() { };
    private static final TypeReference<List<String>> JSON_STRINGS = new TypeReference<>() { };
    private static final Set<String> NEW_TICKET_FIELDS = Set.of("subject", "description", "category", "customFields",
            "suggestedArticles", "suggestionQuery", "language", "attachments", "_csrf");
    private static final Set<String> REPLY_FIELDS = Set.of("body", "attachments", "_csrf");

    record NewTicketBody(
            @NotBlank @Size(max = 250) @Pattern(regexp = "^[^\\p{Cntrl}]*$", message = "{supportflow.text.singleLine}") String subject,
            @NotBlank @Size(max = 100_000) String description,
            @Size(max = 50) String category,
            @Size(max = 50) Map<@Size(max = 50) String, Object> customFields,
            @Size(max = Deflections.MAX_ARTICLES) List<@NotBlank @Size(max = 120) String> suggestedArticles,
            @Size(max = Deflections.MAX_QUERY) String suggestionQuery,
            @Pattern(regexp = LANGUAGES, message = "{supportflow.language.enOrFr}") String language) {
    }

    record ReplyBody(@NotBlank @Size(max = 100_000) String body) {
    }

    private final PortalTickets portal;
    private final PortalSettings settings;
    private final Validator validator;
    private final ObjectMapper json;

    PortalTicketController(PortalTickets portal, PortalSettings settings, Validator validator, ObjectMapper json) {
        this.portal = portal;
        this.settings = settings;
        this.validator = validator;
        this.json = json;
    }

    @GetMapping
    @Operation(summary = "My tickets (and my organization's, when the tenant shares them), newest activity first")
    PortalTickets.TicketPage list(@AuthenticationPrincipal CustomerPrincipal customer,
            @RequestParam(defaultValue = "all") @Pattern(regexp = "open|closed|all") String status,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 100) String cursor) {
        return portal.list(customer, RequesterTickets.StatusFilter.valueOf(status.toUpperCase(Locale.ROOT)),
                PortalText.noNul("q", q), limit, cursor);
    }

    @GetMapping("/form")
    @Operation(summary = "The categories and custom fields of a new ticket")
    RequesterTickets.Form form(@AuthenticationPrincipal CustomerPrincipal customer) {
        return portal.form(customer);
    }

    @GetMapping("/{number}")
    @Operation(summary = "One of my tickets with its public messages (internal notes never appear)")
    PortalTickets.TicketDetail detail(@AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable @Pattern(regexp = NUMBER_PATTERN) String number) {
        return portal.detail(customer, number);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open a ticket (JSON; use multipart/form-data to attach files). 'language' (en or fr), the portal's "
            + "display language, becomes the ticket's; without it, the customer's profile language or a guess from the text")
    ResponseEntity<PortalTickets.TicketDetail> create(@AuthenticationPrincipal CustomerPrincipal customer,
            @Valid @RequestBody NewTicketBody body) {
        return created(portal.create(customer, request(body), List.of()));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Open a ticket with attachments: fields subject, description, category, customFields (a JSON object), "
            + "suggestedArticles (a JSON array of slugs shown as suggestions), suggestionQuery, language (en or fr); files in 'attachments'")
    ResponseEntity<PortalTickets.TicketDetail> createWithFiles(@AuthenticationPrincipal CustomerPrincipal customer,
            MultipartHttpServletRequest request) {
        onlyFields(request, NEW_TICKET_FIELDS);
        NewTicketBody body = new NewTicketBody(field(request, "subject"), field(request, "description"), field(request, "category"),
                jsonField(request, "customFields", JSON_OBJECT), jsonField(request, "suggestedArticles", JSON_STRINGS),
                field(request, "suggestionQuery"), field(request, "language"));
        check(body);
        return created(portal.create(customer, request(body), uploads(request)));
    }

    @PostMapping(path = "/{number}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Reply on my ticket (JSON; use multipart/form-data to attach files)")
    ResponseEntity<PortalTickets.TicketDetail> reply(@AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable @Pattern(regexp = NUMBER_PATTERN) String number, @Valid @RequestBody ReplyBody body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(portal.reply(customer, number, body.body(), List.of()));
    }

    @PostMapping(path = "/{number}/messages", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Reply on my ticket with attachments: field body, files in 'attachments'")
    ResponseEntity<PortalTickets.TicketDetail> replyWithFiles(@AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable @Pattern(regexp = NUMBER_PATTERN) String number, MultipartHttpServletRequest request) {
        onlyFields(request, REPLY_FIELDS);
        ReplyBody body = new ReplyBody(field(request, "body"));
        check(body);
        return ResponseEntity.status(HttpStatus.CREATED).body(portal.reply(customer, number, body.body(), uploads(request)));
    }

    @GetMapping("/{number}/attachments/{id}")
    @Operation(summary = "Download an attachment of one of the ticket's public messages (always as a download)")
    ResponseEntity<InputStreamResource> attachment(@AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable @Pattern(regexp = NUMBER_PATTERN) String number, @PathVariable long id) {
        TicketAttachments.Attachment attachment = portal.attachment(customer, number, id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(attachment.servedContentType()))
                .contentLength(attachment.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(attachment.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(new InputStreamResource(portal.open(attachment)));
    }

    private static ResponseEntity<PortalTickets.TicketDetail> created(PortalTickets.TicketDetail ticket) {
        return ResponseEntity.created(URI.create("/api/portal/v1/tickets/" + ticket.number())).body(ticket);
    }

    private static PortalTickets.NewRequest request(NewTicketBody body) {
        return new PortalTickets.NewRequest(body.subject(), PortalText.noNul("description", body.description()), body.category(),
                body.customFields(), body.suggestedArticles(), PortalText.noNul("suggestionQuery", body.suggestionQuery()),
                body.language());
    }

    private <T> void check(T body) {
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    /** Like unknown JSON fields, unknown form fields are refused rather than silently ignored. */
    private static void onlyFields(MultipartHttpServletRequest request, Set<String> allowed) {
        for (String name : request.getParameterMap().keySet()) {
            if (!allowed.contains(name)) {
                throw new InvalidInputException("(form)", ProblemText.of("portal.form.unknownField"));
            }
        }
        for (String name : request.getMultiFileMap().keySet()) {
            if (!"attachments".equals(name)) {
                throw new InvalidInputException("(form)", ProblemText.of("portal.form.filesField"));
            }
        }
    }

    private static String field(MultipartHttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values != null && values.length > 1) {
            throw new InvalidInputException(name, ProblemText.of("portal.form.once", name));
        }
        return values == null ? null : PortalText.noNul(name, values[0]);
    }

    private <T> T jsonField(MultipartHttpServletRequest request, String name, TypeReference<T> type) {
        String value = field(request, name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(name, ProblemText.of(type == JSON_OBJECT ? "portal.form.jsonObject" : "portal.form.jsonStrings", name));
        }
    }

    private List<Uploads.File> uploads(MultipartHttpServletRequest request) {
        return Uploads.read(request.getFiles("attachments"), "attachments",
                new Uploads.Limits(settings.maxAttachments(), settings.maxAttachmentBytes(), Long.MAX_VALUE));
    }
}
