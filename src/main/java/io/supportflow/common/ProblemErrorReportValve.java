package io.supportflow.common;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Requests Tomcat refuses before any servlet sees them (an encoded slash or NUL in the path)
 * still get a problem detail on the API, and never an echo of what was sent.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String uri = request.getRequestURI();
        boolean api = uri != null && (uri.startsWith("/api/") || uri.startsWith("/engine-rest/"));
        int status = response.getStatus();
        if (!api || status < 400 || response.isCommitted() || response.getContentWritten() > 0) {
            super.report(request, response, throwable);
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ProblemJson.of(status, status == 400 ? "Bad request" : "Error",
                        status == 400 ? "The request was rejected: its path or headers are not valid." : "The request could not be completed."));
            }
        } catch (IOException | IllegalStateException e) {
            super.report(request, response, throwable);
        }
    }
}
