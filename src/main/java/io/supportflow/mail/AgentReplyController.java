package io.supportflow.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportflow.common.InvalidInputException;
import io.supportflow.common.Uploads;
import io.supportflow.identity.Agent;
import io.supportflow.identity.CurrentAgent;
import io.supportflow.ticket.Actor;
import io.supportflow.ticket.MessageBody;
import io.supportflow.ticket.TicketCommands;
import io.supportflow.ticket.TicketStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * The multipart variant of {@code POST /api/v1/tickets/{number}/messages}: a reply or internal note with
 * files. The JSON variant (ticket.TicketController) knows nothing of files; this one lives with the
 * attachments. Part {@code message} is the JSON body of the other variant, parts {@code files} the files,
 * with the portal's limits ({@code supportflow.portal.max-attachments}, {@code max-attachment-bytes}) and the
 * server's request limit for all files together. Anything wrong refuses the whole request.
 */
@RestController
@Validated
@Tag(name = "Attachments", description = "Files that came with the ticket's email")
@SecurityRequirement(name = "basic")
class AgentReplyController {

    static final String MESSAGE_PART = "message";
    static final String FILES_PART = "files";

    /** The fields of the JSON variant's body, in the part {@code message}. */
    record MessagePart(
            @NotBlank @Size(max = 100_000) String body,
            MessageBody.Format format,
            Boolean internal,
            TicketStatus status,
            Actor.Type authorType) {
    }

    private final AgentReplies replies;
    private final Uploads.Limits limits;
    private final CurrentAgent currentAgent;
    private final Validator validator;
    private final ObjectMapper json;

    AgentReplyController(AgentReplies replies, CurrentAgent currentAgent, Validator validator, ObjectMapper json,
            @Value("${supportflow.portal.max-attachments:5}") int maxFiles,
            @Value("${supportflow.portal.max-attachment-bytes:5242880}") long maxFileBytes, MultipartProperties multipart) {
        this.replies = replies;
        long maxRequestBytes = multipart.getMaxRequestSize() == null ? -1 : multipart.getMaxRequestSize().toBytes();
        this.limits = new Uploads.Limits(maxFiles, maxFileBytes, maxRequestBytes < 0 ? Long.MAX_VALUE : maxRequestBytes);
        this.currentAgent = currentAgent;
        this.validator = validator;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/tickets/{number}/messages", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Reply or add an internal note with files: part 'message' (the JSON body of the JSON variant), "
            + "parts 'files'; a reply's files are mailed with it, a note's never")
    ResponseEntity<AgentReplies.CreatedMessage> addWithFiles(
            @PathVariable @Pattern(regexp = MailAttachmentController.NUMBER_PATTERN) String number,
            MultipartHttpServletRequest request) {
        Agent agent = currentAgent.get();
        onlyKnownParts(request);
        MessagePart message = message(request);
        List<Uploads.File> files = Uploads.read(request.getFiles(FILES_PART), FILES_PART, limits);
        return ResponseEntity.status(HttpStatus.CREATED).body(replies.add(number, new TicketCommands.NewMessage(message.body(),
                message.format() == null ? MessageBody.Format.TEXT : message.format(), Boolean.TRUE.equals(message.internal()),
                message.status(), message.authorType() == null ? Actor.Type.AGENT : message.authorType()), files, agent));
    }

    /** Like unknown JSON fields, unknown parts are refused rather than silently ignored. */
    private static void onlyKnownParts(MultipartHttpServletRequest request) {
        for (String name : request.getParameterMap().keySet()) {
            if (!MESSAGE_PART.equals(name) && !"_csrf".equals(name)) {
                throw new InvalidInputException("(form)", "Unknown part; send 'message' and 'files'.");
            }
        }
        for (String name : request.getMultiFileMap().keySet()) {
            if (!FILES_PART.equals(name) && !MESSAGE_PART.equals(name)) {
                throw new InvalidInputException("(form)", "Files go in parts named 'files'.");
            }
        }
    }

    /** The part 'message', sent as a form field or as a JSON file part (curl -F message=@reply.json). */
    private MessagePart message(MultipartHttpServletRequest request) {
        String[] fields = request.getParameterValues(MESSAGE_PART);
        List<MultipartFile> fileParts = request.getFiles(MESSAGE_PART);
        int count = (fields == null ? 0 : fields.length) + fileParts.size();
        if (count == 0) {
            throw new InvalidInputException(MESSAGE_PART, "The part 'message' (the reply as JSON) is missing.");
        }
        if (count > 1) {
            throw new InvalidInputException(MESSAGE_PART, "Send the part 'message' once.");
        }
        String text;
        try {
            text = fields != null ? fields[0] : new String(fileParts.get(0).getBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MessagePart message;
        try {
            message = json.readValue(text, MessagePart.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(MESSAGE_PART, describe(e));
        }
        if (message == null) {
            throw new InvalidInputException(MESSAGE_PART, "The part 'message' must be a JSON object.");
        }
        Set<ConstraintViolation<MessagePart>> violations = validator.validate(message);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return message;
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().get(0).getFieldName();
            if (field != null && field.matches("[A-Za-z]{1,40}")) {
                return "The part 'message' has an unknown field or a wrong value: '" + field + "'.";
            }
        }
        return "The part 'message' must be a JSON object with body (and optionally format, internal, status, authorType).";
    }
}
