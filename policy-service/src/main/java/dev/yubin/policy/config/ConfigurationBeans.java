package dev.yubin.policy.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Beans shared by the features: the clock (so tests and code agree on "now") and the API description. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ConfigurationBeans {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OpenAPI policyServiceApi() {
        return new OpenAPI()
                .info(new Info().title("Yubin policy service").version("v1")
                        .description("The directory (domains, accounts, aliases), every access decision "
                                + "and the DKIM keys."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
