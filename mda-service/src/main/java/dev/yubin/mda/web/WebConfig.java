package dev.yubin.mda.web;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Only the REST API needs credentials; actuator and the OpenAPI document stay open. */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final Authenticator authenticator;

    WebConfig(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AuthInterceptor(authenticator)).addPathPatterns("/api/**");
    }

    @Bean
    static CredentialCache credentialCache(AuthProperties auth) {
        return new CredentialCache(auth.cacheTtl(), auth.cacheMaxEntries(), Clock.systemUTC());
    }
}
