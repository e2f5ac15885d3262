package io.supportflow.common;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** Requests refused by Spring Security's firewall or by Tomcat itself answer with a problem detail. */
@Configuration(proxyBeanMethods = false)
class RejectedRequestConfiguration {

    @Bean
    RequestRejectedHandler problemRequestRejectedHandler() {
        return (request, response, rejected) -> {
            response.setStatus(400);
            response.setContentType("application/problem+json");
            response.getWriter().write(ProblemJson.of(400, "Bad request", "The request was rejected: its path or headers are not valid."));
        };
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
