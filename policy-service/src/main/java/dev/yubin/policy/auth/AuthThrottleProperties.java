package dev.yubin.policy.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The password-guessing throttle of {@code POST /api/v1/auth}.
 *
 * @param maxFailuresPerClient  failed logins a client address (an IPv6 client: its /64) may
 *                              have in one window before it is locked
 * @param maxFailuresPerAccount failed logins an account name may have in one window
 * @param window                how long failures are remembered, from the first of a series
 * @param baseDelay             the first lock; each further failure while locked doubles it
 * @param maxDelay              the longest lock
 */
@ConfigurationProperties("yubin.policy.auth")
record AuthThrottleProperties(
        @DefaultValue("10") int maxFailuresPerClient,
        @DefaultValue("5") int maxFailuresPerAccount,
        @DefaultValue("15m") Duration window,
        @DefaultValue("1m") Duration baseDelay,
        @DefaultValue("1h") Duration maxDelay) {

    AuthThrottleProperties {
        if (maxFailuresPerClient < 1 || maxFailuresPerAccount < 1) {
            throw new IllegalArgumentException("yubin.policy.auth.max-failures-per-* must be at least 1");
        }
        if (!isPositive(window) || !isPositive(baseDelay) || !isPositive(maxDelay)) {
            throw new IllegalArgumentException("yubin.policy.auth.window, base-delay and max-delay must be positive");
        }
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("yubin.policy.auth.max-delay must not be shorter than base-delay");
        }
    }

    ThrottleRule clientRule() {
        return new ThrottleRule(maxFailuresPerClient, window, baseDelay, maxDelay);
    }

    ThrottleRule accountRule() {
        return new ThrottleRule(maxFailuresPerAccount, window, baseDelay, maxDelay);
    }

    private static boolean isPositive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }
}
