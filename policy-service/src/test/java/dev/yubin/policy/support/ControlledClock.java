package dev.yubin.policy.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Replaces the service's clock with a {@link MutableClock} (inject it to move time). The classes
 * that carry this share one application context, and so one clock: each must use its own
 * domains and client addresses, and time only goes forward.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import(ControlledClock.Configuration.class)
public @interface ControlledClock {

    @TestConfiguration(proxyBeanMethods = false)
    class Configuration {

        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(Instant.now());
        }
    }
}
