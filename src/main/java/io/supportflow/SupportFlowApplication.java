package io.supportflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SupportFlowApplication {

    public static void main(String[] args) {
        SpringApplication.run(SupportFlowApplication.class, args);
    }
}
