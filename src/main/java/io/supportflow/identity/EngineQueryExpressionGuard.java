package io.supportflow.identity;

import io.supportflow.common.ProblemJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda 7 CE refuses expressions in ad-hoc task queries only at the top level: the same
 * expressions inside {@code orQueries} are evaluated. No query of ours or of the webapps needs
 * them, so every task or filter query that names an expression field is refused here, for the
 * engine REST API and for the webapps' own engine API alike.
 */
class EngineQueryExpressionGuard extends OncePerRequestFilter {

    private static final Pattern QUERY_PATH = Pattern.compile(
            "^(/engine-rest|/camunda/api/engine/engine/[^/]+)/(task|filter|history/task)(/|$).*");
    private static final Pattern EXPRESSION_KEY = Pattern.compile("\"[A-Za-z]*Expression\"\\s*:");
    private static final int MAX_BODY = 1024 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !QUERY_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean expressionParameter = request.getParameterMap().keySet().stream().anyMatch(name -> name.endsWith("Expression"));
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (expressionParameter || body.length > MAX_BODY
                || EXPRESSION_KEY.matcher(new String(body, StandardCharsets.UTF_8)).find()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/problem+json");
            response.getWriter().write(ProblemJson.of(400, "Bad request", "Expressions are not allowed in task or filter queries."));
            return;
        }
        chain.doFilter(new ReplayedBody(request, body), response);
    }

    /** The request with its (already read) body available again. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override public boolean isFinished() { return in.available() == 0; }
                @Override public boolean isReady() { return true; }
                @Override public void setReadListener(ReadListener listener) { throw new UnsupportedOperationException(); }
                @Override public int read() { return in.read(); }
                @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
