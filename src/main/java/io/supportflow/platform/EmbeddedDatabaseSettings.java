package io.supportflow.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The PostgreSQL started inside the application when no {@code spring.datasource.url} is set.
 *
 * @param dataDirectory where the cluster lives between runs; empty means a fresh temporary cluster
 * @param port          0 picks a free port
 */
@ConfigurationProperties("supportflow.embedded-database")
public record EmbeddedDatabaseSettings(String dataDirectory, int port) {
}
