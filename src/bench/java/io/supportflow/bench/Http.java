package io.supportflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Real HTTP against the running application, as one agent (HTTP Basic, as every API client does). */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final String authorization;

    Http(int port, String user, String password) {
        this.base = "http://localhost:" + port;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), 200);
    }

    String post(String path, String json, int expected) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json"), expected);
    }

    /** The request's time limit: a baseline call slower than this is recorded at this value, a lower bound. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    /**
     * Runs a call whose slowness is the measurement (the engine's task queries at 1M): a time-out counts
     * as a sample of {@link #TIMEOUT} instead of aborting the run, and is counted in timeouts.
     */
    static void allowingTimeout(Runnable call, java.util.concurrent.atomic.AtomicInteger timeouts) {
        try {
            call.run();
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof java.net.http.HttpTimeoutException)) {
                throw e;
            }
            timeouts.incrementAndGet();
        }
    }

    private String send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = CLIENT.send(request.header("Authorization", authorization)
                    .header("Accept", "application/json").timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(response.statusCode() + " from " + response.uri() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
