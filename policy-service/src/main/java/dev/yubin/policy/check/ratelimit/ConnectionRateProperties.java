package dev.yubin.policy.check.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param connectionsPerMinute connections one client (an IPv4 address or an IPv6 /64) may open
 *                             per sliding minute, counted over all MTA replicas; 0: no limit
 */
@ConfigurationProperties("yubin.policy.ratelimit")
record ConnectionRateProperties(@DefaultValue("60") int connectionsPerMinute) {

    ConnectionRateProperties {
        if (connectionsPerMinute < 0) {
            throw new IllegalArgumentException("yubin.policy.ratelimit.connections-per-minute must not be negative");
        }
    }
}
