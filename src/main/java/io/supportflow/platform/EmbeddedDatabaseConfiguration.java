package io.supportflow.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Zero-setup default: real PostgreSQL binaries (from Maven Central) started by the application
 * itself. Setting {@code SPRING_DATASOURCE_URL} switches this off and Boot's own DataSource is used.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseSettings settings) throws IOException {
        // Spring stops it after the engine and the pool are closed; its own JVM hook would race them
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", "on");
        if (settings.port() > 0) {
            builder.setPort(settings.port());
        }
        if (settings.dataDirectory() != null && !settings.dataDirectory().isBlank()) {
            Path dir = Path.of(settings.dataDirectory()).toAbsolutePath();
            Files.createDirectories(dir.getParent());
            builder.setDataDirectory(dir).setCleanDataDirectory(false);
            log.info("Embedded PostgreSQL with data in {}", dir);
        } else {
            builder.setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off");
            log.info("Embedded PostgreSQL in a temporary data directory");
        }
        return builder.start();
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(20);
        dataSource.setPoolName("supportflow-embedded");
        return dataSource;
    }
}
