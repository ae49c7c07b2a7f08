package dev.yubin.mda;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MdaApplication {

    public static void main(String[] args) {
        SpringApplication.run(MdaApplication.class, args);
    }
}
