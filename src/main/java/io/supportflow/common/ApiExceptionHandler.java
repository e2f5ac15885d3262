package io.supportflow.common;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error is an RFC 7807 problem detail. Messages name the field and the rule, never echo
 * the rejected value back (it may be huge or hostile), and never leak internals. The human text (title,
 * detail, the errors' messages) is English, or French on the portal's API when the page asks for it
 * ({@link ApiLanguage}, {@link ProblemText}); type, status and field names never change.
 */
@RestControllerAdvice(basePackages = "io.supportflow")
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", detail(e.text(), e.getMessage()));
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", detail(e.text(), e.getMessage()));
    }

    /** An administrator suspended the ticket's process instance (Cockpit): nothing moves until it is activated. */
    @ExceptionHandler(org.camunda.bpm.engine.SuspendedEntityInteractionException.class)
    ProblemDetail suspended(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", text("problem.workflowSuspended"));
    }

    /**
     * Two changes to the same ticket at the same moment (an agent and an SLA timer, two agents):
     * the engine or PostgreSQL refused one of them whole, so the client can simply try again.
     */
    @ExceptionHandler({org.camunda.bpm.engine.OptimisticLockingException.class,
            org.springframework.dao.PessimisticLockingFailureException.class})
    ProblemDetail concurrentChange(RuntimeException e) {
        log.info("Concurrent change refused: {}", e.toString());
        return problem(HttpStatus.CONFLICT, "Conflict", text("problem.concurrentChange"));
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        String detail = detail(e.text(), e.getMessage());
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", detail);
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", detail)));
        return problem;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", text("problem.invalidParameters"));
        problem.setProperty("errors", e.getConstraintViolations().stream()
                .map(v -> Map.of("field", safe(lastNode(v.getPropertyPath().toString())), "message", v.getMessage()))
                .toList());
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", text("problem.parameterWrongType", safe(e.getName())));
        problem.setProperty("errors", List.of(Map.of("field", safe(e.getName()), "message", text("problem.wrongTypeOrValue"))));
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", text("problem.invalidFields"));
        problem.setProperty("errors", e.getBindingResult().getFieldErrors().stream()
                .map(ApiExceptionHandler::fieldError).toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", text("problem.invalidParameters"));
        problem.setProperty("errors", e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> Map.of(
                        "field", safe(r.getMethodParameter().getParameterName()),
                        "message", String.valueOf(err.getDefaultMessage()))))
                .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = text("problem.body.notJson");
        String field = null;
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            field = safe(unknown.getPropertyName());
            detail = text("problem.body.unknownField", field);
        } else if (cause instanceof InvalidFormatException invalid) {
            field = path(invalid);
            String allowed = allowedValues(invalid.getTargetType());
            detail = allowed.isEmpty() ? text("problem.body.wrongTypeOrValue", field)
                    : text("problem.body.wrongTypeOrValueAllowed", field, allowed);
        } else if (cause instanceof MismatchedInputException mismatched) {
            field = path(mismatched);
            detail = field.isEmpty() ? text("problem.body.wrongShape") : text("problem.body.wrongType", field);
        } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = path(mapping);
            detail = text("problem.body.invalidField", field);
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Malformed request", detail);
        if (field != null && !field.isEmpty() && !field.startsWith("(")) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException e) {
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", text("problem.internal"));
    }

    /**
     * Spring's own refusals and our ErrorResponseExceptions (sign-in, uploads…): their detail in the request's
     * language when the detail's message code has a translation, their title too.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, statusCode, request);
        Locale language = ApiLanguage.current();
        if (response != null && response.getBody() instanceof ProblemDetail problem && !isEnglish(language)) {
            problem.setTitle(ProblemText.title(problem.getTitle(), language));
            if (e instanceof ErrorResponse error) {
                String detail = ProblemText.find(error.getDetailMessageCode(), error.getDetailMessageArguments(), language);
                if (detail != null) {
                    problem.setDetail(detail);
                }
            }
        }
        return response;
    }

    /** A problem with the title in the request's language; the detail is already in it. */
    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(ProblemText.title(title, ApiLanguage.current()));
        return problem;
    }

    private static String text(String key, Object... args) {
        return ProblemText.of(key, args).in(ApiLanguage.current());
    }

    private static String detail(ProblemText text, String english) {
        return text == null ? english : text.in(ApiLanguage.current());
    }

    private static boolean isEnglish(Locale language) {
        return Locale.ENGLISH.getLanguage().equals(language.getLanguage());
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", safe(error.getField()), "message", String.valueOf(error.getDefaultMessage()));
    }

    /** Field names come from the client: repeat them only when they look like field names. */
    static String safe(String field) {
        boolean plain = field != null && field.matches("[A-Za-z0-9_.\\[\\]-]{1,100}")
                && java.util.Arrays.stream(field.split("[.\\[\\]]")).allMatch(part -> part.length() <= 50);
        return plain ? field : "(invalid field name)";
    }

    private static String path(JsonMappingException e) {
        return safe(e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "["));
    }

    private static String allowedValues(Class<?> type) {
        if (type != null && type.isEnum()) {
            return java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        return "";
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
