package dev.yubin.policy.decision;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention     how long decisions are kept
 * @param purgeInterval how often old decisions are deleted
 * @param queueCapacity decisions waiting for the background writer; beyond it new ones are dropped
 * @param batchSize     at most this many decisions per insert batch (one transaction)
 * @param flushInterval how long the writer gathers decisions before it writes a batch
 */
@ConfigurationProperties("yubin.policy.decision-log")
record DecisionLogProperties(@DefaultValue("30d") Duration retention, @DefaultValue("1h") Duration purgeInterval,
                             @DefaultValue("10000") int queueCapacity, @DefaultValue("500") int batchSize,
                             @DefaultValue("50ms") Duration flushInterval) {

    DecisionLogProperties {
        if (retention.isNegative() || retention.isZero() || purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("retention and purge-interval must be positive");
        }
        if (queueCapacity < 1 || batchSize < 1 || flushInterval.isNegative()) {
            throw new IllegalArgumentException("queue-capacity and batch-size must be positive, flush-interval not negative");
        }
    }
}
