package io.supportflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A small HTTP client for tests: real HTTP against the running application, as a named user
 * (demo accounts: password = user id, admin demo/demo) or anonymously.
 */
public final class Api {

    public record Response(int status, String body, Map<String, java.util.List<String>> headers) {

        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String base;
    private final String authorization;
    private final HttpClient client;
    private final java.net.CookieManager cookies;
    private final String acceptLanguage;

    private Api(String base, String authorization, java.net.CookieManager cookies) {
        this(base, authorization, cookies, null);
    }

    private Api(String base, String authorization, java.net.CookieManager cookies, String acceptLanguage) {
        this.base = base;
        this.authorization = authorization;
        this.cookies = cookies;
        this.acceptLanguage = acceptLanguage;
        this.client = cookies == null ? CLIENT
                : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).build();
    }

    /** An agent (demo accounts: password = user id; admin demo/demo) with HTTP Basic credentials. */
    public static Api as(int port, String user) {
        String password = user.equals("demo") ? "demo" : user;
        return new Api("http://localhost:" + port, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)), null);
    }

    public static Api anonymous(int port) {
        return new Api("http://localhost:" + port, null, null);
    }

    /** A portal API client with a customer's bearer token. */
    public static Api bearer(int port, String token) {
        return new Api("http://localhost:" + port, "Bearer " + token, null);
    }

    /**
     * A browser-like client: keeps its cookies (the portal session) and sends the XSRF-TOKEN cookie's value
     * back in the X-XSRF-TOKEN header, as the portal's pages do.
     */
    public static Api browser(int port) {
        return new Api("http://localhost:" + port, null, new java.net.CookieManager());
    }

    /** The same client sending Accept-Language (as the portal's pages do with the page's language). */
    public Api acceptLanguage(String languages) {
        return new Api(base, authorization, cookies, languages);
    }

    /** A cookie this client holds, or null. */
    public String cookie(String name) {
        return cookies == null ? null : cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name)).map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    /** body: a Map/record (sent as JSON), a String (sent as is), or null. */
    public Response send(String method, String path, Object body) {
        try {
            String payload = body == null ? null : body instanceof String s ? s : MAPPER.writeValueAsString(body);
            return send(method, path, payload == null ? null : "application/json", payload == null
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A request with a chosen Content-Type and body publisher (e.g. one of unknown length). */
    public Response send(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, body)
                    .header("Accept", "application/json, application/problem+json, */*;q=0.1");
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (acceptLanguage != null) {
                request.header("Accept-Language", acceptLanguage);
            }
            String csrf = cookie("XSRF-TOKEN");
            if (csrf != null) {
                request.header("X-XSRF-TOKEN", csrf);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
