package io.supportflow.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Multipart uploads to the agents' and the portal's APIs that the multipart parser refuses get a problem answer:
 * a body larger than the server accepts at all ({@code spring.servlet.multipart.max-request-size}) is a 413 before
 * anything reads it, and a body the parser cannot read (a file name with a NUL character, a broken boundary) a 400.
 * Left to the parser, both would fail before any controller is chosen, without a problem body. Runs after
 * authentication: a stranger's upload is never parsed.
 */
@Component
class UploadRefusalFilter extends OncePerRequestFilter {

    private final long maxRequestBytes;

    UploadRefusalFilter(MultipartProperties multipart) {
        long configured = multipart.getMaxRequestSize() == null ? -1 : multipart.getMaxRequestSize().toBytes();
        this.maxRequestBytes = configured < 0 ? Long.MAX_VALUE : configured;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        String path = request.getRequestURI();
        return type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")
                || !(path.startsWith("/api/v1/") || path.startsWith("/api/portal/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxRequestBytes) {
            tooLarge(request, response);
            return;
        }
        try {
            request.getParts();
        } catch (RuntimeException | IOException | ServletException unreadable) {
            if (isSizeLimit(unreadable)) {
                tooLarge(request, response);
            } else {
                refuse(request, response, 400, "Malformed request", ProblemText.of("upload.unreadable"));
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        refuse(request, response, 413, "Payload too large", ProblemText.of("upload.requestTooLarge", maxRequestBytes));
    }

    private static boolean isSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.contains("SizeLimitExceeded") || name.contains("SizeException")) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String title, ProblemText detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setHeader("Connection", "close");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(ProblemJson.of(request, status, title, detail));
    }
}
