package io.supportflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.supportflow.support.Api;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Multipart requests built by hand (as curl -F or a browser's FormData send them), and the files of a received mail. */
final class AgentFilesFixture {

    private AgentFilesFixture() {
    }

    static final class Form {

        private final String boundary = "----agent" + UUID.randomUUID().toString().replace("-", "");
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Form message(String json) {
            return part("message", null, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        Form file(String fileName, byte[] bytes) {
            return part("files", fileName, "application/octet-stream", bytes);
        }

        Form part(String name, String fileName, String contentType, byte[] bytes) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                    + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
                    + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n");
            body.writeBytes(bytes);
            write("\r\n");
            return this;
        }

        Api.Response post(Api api, String number) {
            write("--" + boundary + "--\r\n");
            return api.send("POST", "/api/v1/tickets/" + number + "/messages", "multipart/form-data; boundary=" + boundary,
                    HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        }

        private void write(String text) {
            body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A new ticket through the agents' API, requested from an address of its own domain. */
    static JsonNode newTicket(int port, String email, String category, String subject) {
        Api.Response r = Api.as(port, "demo").post("/api/v1/tickets", Map.of("subject", subject, "description", "Please help.",
                "requester", Map.of("name", "Fay Files", "email", email), "category", category));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** The attachments of a mail: decoded file name → bytes, in order. */
    static Map<String, byte[]> files(Part part) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        collect(part, files);
        return files;
    }

    private static void collect(Part part, Map<String, byte[]> files) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), files);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            try (var in = part.getInputStream()) {
                files.put(MimeUtility.decodeText(part.getFileName()), in.readAllBytes());
            }
        }
    }
}
