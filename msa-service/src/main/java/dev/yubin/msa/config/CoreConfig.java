package dev.yubin.msa.config;

import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.smtp.server.ServerName;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of mail-core classes, which know nothing of Spring. */
@Configuration(proxyBeanMethods = false)
class CoreConfig {

    private static final Logger log = LoggerFactory.getLogger(CoreConfig.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    QueueIdGenerator queueIdGenerator(Clock clock) {
        return new QueueIdGenerator(clock);
    }

    @Bean
    Hostname hostname(MsaProperties msa) {
        return new Hostname(ServerName.resolve(msa.hostname(), "yubin.msa.hostname"));
    }

    @Bean
    ApplicationRunner warnAboutDevToken(SecurityProperties security) {
        return args -> {
            if (security.isDevToken()) {
                log.warn("yubin.security.internal-token is the development default: set YUBIN_SECURITY_INTERNAL_TOKEN in production");
            }
        };
    }
}
