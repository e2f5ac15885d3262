package io.supportflow.platform;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Liquibase creates the engine's tables (Camunda's own changelog is included in ours), so the
 * engine must not be built before Liquibase has run. Registered in META-INF/spring.factories.
 */
class EngineAfterLiquibaseDetector extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(ProcessEngine.class, SpringProcessEngineConfiguration.class);
    }
}
