package io.supportflow.bench;

import io.supportflow.SupportFlowApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The real application (profiles demo + bench) on a fresh embedded PostgreSQL, or on SPRING_DATASOURCE_URL. */
final class BenchApp implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final int port;
    final ProcessEngine engine;
    final JdbcTemplate jdbc;
    final Path dataDirectory;
    final boolean embedded;

    private BenchApp(ConfigurableApplicationContext context, Path dataDirectory) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.engine = context.getBean(ProcessEngine.class);
        this.jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        this.dataDirectory = dataDirectory;
        this.embedded = context.containsBean("embeddedPostgres");
    }

    static BenchApp start(BenchConfig config) throws IOException {
        boolean external = System.getenv("SPRING_DATASOURCE_URL") != null && !System.getenv("SPRING_DATASOURCE_URL").isBlank();
        Path data = config.output().resolve("pgdata").toAbsolutePath();
        if (!external) {
            wipe(data);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SupportFlowApplication.class)
                .profiles("demo", "bench")
                .properties("bench.data-directory=" + data)
                .run();
        return new BenchApp(context, external ? null : data);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    ProcessEngineConfigurationImpl engineConfiguration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
