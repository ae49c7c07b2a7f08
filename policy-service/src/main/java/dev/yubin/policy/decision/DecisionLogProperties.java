package dev.yubin.policy.decision;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention     how long decisions are kept
 * @param purgeInterval how often old decisions are deleted
 */
@ConfigurationProperties("yubin.policy.decision-log")
record DecisionLogProperties(@DefaultValue("30d") Duration retention, @DefaultValue("1h") Duration purgeInterval) {

    DecisionLogProperties {
        if (retention.isNegative() || retention.isZero() || purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("retention and purge-interval must be positive");
        }
    }
}
