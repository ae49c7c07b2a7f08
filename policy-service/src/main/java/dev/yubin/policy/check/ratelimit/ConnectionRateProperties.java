package dev.yubin.policy.check.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param connectionsPerMinute connections one client (an IPv4 address or an IPv6 /64) may open
 *                             per sliding minute, counted over all MTA replicas; 0: no limit
 * @param maxSessionsPerClient sessions one client may hold open at once over all MTA replicas; 0: no limit
 * @param sessionLifetime      how long a session counts after its CONNECT or last MAIL unless the MTA
 *                             reports its end: longer than the MTA's idle timeout (5m), so that only a
 *                             crashed MTA's sessions ever run out this way
 */
@ConfigurationProperties("yubin.policy.ratelimit")
record ConnectionRateProperties(@DefaultValue("60") int connectionsPerMinute,
                                @DefaultValue("20") int maxSessionsPerClient,
                                @DefaultValue("6m") Duration sessionLifetime) {

    ConnectionRateProperties {
        if (connectionsPerMinute < 0) {
            throw new IllegalArgumentException("yubin.policy.ratelimit.connections-per-minute must not be negative");
        }
        if (maxSessionsPerClient < 0) {
            throw new IllegalArgumentException("yubin.policy.ratelimit.max-sessions-per-client must not be negative");
        }
        if (sessionLifetime == null || sessionLifetime.isNegative() || sessionLifetime.isZero()) {
            throw new IllegalArgumentException("yubin.policy.ratelimit.session-lifetime must be positive");
        }
    }
}
