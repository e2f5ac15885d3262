package io.supportflow.automation;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A rule set that does not compile: 400 with the compiler's messages (they name DRL lines, not user input). */
@RestControllerAdvice(assignableTypes = AutomationController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AutomationExceptionHandler {

    @ExceptionHandler(RuleCompilationException.class)
    ProblemDetail doesNotCompile(RuleCompilationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The automation rules do not compile; nothing was changed.");
        problem.setTitle("Rules do not compile");
        problem.setProperty("errors", e.messages().stream().map(m -> java.util.Map.of("field", "rules", "message", m)).toList());
        return problem;
    }
}
