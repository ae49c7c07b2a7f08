package dev.yubin.mta.policy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The circuit breaker in front of the policy service ({@code yubin.policy.circuit-breaker.*}).
 *
 * @param failureThreshold consecutive failures (timeouts, refused connections, 5xx) that open it
 * @param openFor          how long it stays open, answering 451 4.3.0 without asking; then one
 *                         call probes whether the service is back
 */
@ConfigurationProperties("yubin.policy.circuit-breaker")
public record CircuitBreakerProperties(
        @DefaultValue("5") int failureThreshold,
        @DefaultValue("30s") Duration openFor) {

    public CircuitBreakerProperties {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("yubin.policy.circuit-breaker.failure-threshold must be at least 1");
        }
        if (openFor == null || openFor.isNegative() || openFor.isZero()) {
            throw new IllegalArgumentException("yubin.policy.circuit-breaker.open-for must be positive");
        }
    }
}
