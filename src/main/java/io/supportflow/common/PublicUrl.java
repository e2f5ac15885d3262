package io.supportflow.common;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The address customers reach SupportFlow at, for links in mails (verification, password reset,
 * surveys): {@code supportflow.public-url} (SUPPORTFLOW_PUBLIC_URL) or, when unset, this server on localhost.
 */
@Component
public class PublicUrl {

    private final String configured;
    private volatile String local = "http://localhost:8080";

    PublicUrl(@Value("${supportflow.public-url:}") String configured) {
        this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        local = "http://localhost:" + event.getWebServer().getPort();
    }

    /** An absolute link to a path of ours; {@code path} starts with a slash. */
    public String link(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
        return (configured.isEmpty() ? local : configured) + path;
    }
}
