package io.supportflow.portal;

import io.supportflow.common.ProblemJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A portal upload larger than the server accepts at all ({@code spring.servlet.multipart.max-request-size}) is
 * refused with a 413 problem before anything reads it: the multipart parser's own refusal happens before any
 * controller is chosen, where it would be answered without a problem body.
 */
@Component
class PortalUploadLimitFilter extends OncePerRequestFilter {

    private final long maxRequestBytes;

    PortalUploadLimitFilter(MultipartProperties multipart) {
        this.maxRequestBytes = multipart.getMaxRequestSize() == null ? -1 : multipart.getMaxRequestSize().toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return maxRequestBytes < 0 || !request.getRequestURI().startsWith("/api/portal/") || type == null
                || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxRequestBytes) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType("application/problem+json");
            response.setHeader("Connection", "close");
            response.getWriter().write(ProblemJson.of(413, "Payload too large",
                    "An upload is limited to " + maxRequestBytes + " bytes in all."));
            return;
        }
        chain.doFilter(request, response);
    }
}
