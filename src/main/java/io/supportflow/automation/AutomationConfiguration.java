package io.supportflow.automation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The engine bean: the tenant's stored rules plus every classpath:rules/**&#47;*.drl, compiled at start (fails fast). */
@Configuration(proxyBeanMethods = false)
class AutomationConfiguration {

    static final String DRL_FILES = "classpath*:rules/**/*.drl";

    @Bean(initMethod = "reload")
    AutomationEngine automationEngine(AutomationRepository repository,
            @Value("${supportflow.tickets.tenant:default}") String tenantId) {
        return new AutomationEngine(() -> repository.list(tenantId), AutomationConfiguration::drlFiles);
    }

    static Map<String, String> drlFiles() {
        try {
            Map<String, String> files = new TreeMap<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(DRL_FILES)) {
                files.put("rules/" + resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("DRL files under rules/ could not be read", e);
        }
    }
}
