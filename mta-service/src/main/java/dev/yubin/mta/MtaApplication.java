package dev.yubin.mta;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MtaApplication {

    public static void main(String[] args) {
        SpringApplication.run(MtaApplication.class, args);
    }
}
