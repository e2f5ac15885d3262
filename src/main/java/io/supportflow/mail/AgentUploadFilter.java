package io.supportflow.mail;

import io.supportflow.common.ProblemJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Agents' multipart uploads ({@code /api/v1/...}) that the multipart parser refuses get a problem answer: a body
 * larger than the server accepts at all is a 413 before anything reads it, and a body the parser cannot read
 * (a file name with a NUL character, a broken boundary) a 400. Left to the parser, both would fail before any
 * controller is chosen, without a problem body. Runs after authentication: a stranger's upload is never parsed.
 */
@Component
class AgentUploadFilter extends OncePerRequestFilter {

    private final AgentUploadLimits limits;

    AgentUploadFilter(AgentUploadLimits limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !request.getRequestURI().startsWith("/api/v1/") || type == null
                || !type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limits.maxTotalBytes()) {
            refuse(response, 413, "Payload too large", "An upload is limited to " + limits.maxTotalBytes() + " bytes in all.");
            return;
        }
        try {
            request.getParts();
        } catch (RuntimeException | IOException | ServletException unreadable) {
            if (tooLarge(unreadable)) {
                refuse(response, 413, "Payload too large", "An upload is limited to " + limits.maxTotalBytes() + " bytes in all.");
            } else {
                refuse(response, 400, "Malformed request", "The multipart body cannot be read (a file name with a NUL character, "
                        + "a broken boundary?).");
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().contains("SizeLimitExceeded") || t.getClass().getSimpleName().contains("SizeException")) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setHeader("Connection", "close");
        response.getWriter().write(ProblemJson.of(status, title, detail));
    }
}
