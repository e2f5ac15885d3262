package io.supportflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on RFC 7807 problem details. */
public final class Problems {

    private Problems() {
    }

    /** The response is a problem with this status, title and detail; returns its JSON for further checks. */
    public static JsonNode assertProblem(Api.Response response, int status, String title, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("type").asText()).isEqualTo("about:blank");
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isEqualTo(title);
        assertThat(problem.path("detail").asText()).isEqualTo(detail);
        return problem;
    }
}
