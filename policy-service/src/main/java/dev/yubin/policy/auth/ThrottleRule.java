package dev.yubin.policy.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * The arithmetic of the login throttle, apart from its storage. A subject (a client or an
 * account) collects failures in a window that starts with its first failure. Reaching
 * {@code maxFailures} locks it for {@code baseDelay}; each further failure (a wrong password
 * after the lock, or any attempt during it) doubles the lock, up to {@code maxDelay}. Once the
 * lock is over and the window has passed, the subject starts afresh.
 */
record ThrottleRule(int maxFailures, Duration window, Duration baseDelay, Duration maxDelay) {

    /** A subject's failures in its current window; {@code lockedUntil} is null below the threshold. */
    record State(Instant windowStart, int failures, Instant lockedUntil) {

        boolean lockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }
    }

    /** The state after one more failure at {@code now}; {@code previous} may be null (no failures yet). */
    State afterFailure(State previous, Instant now) {
        boolean fresh = previous == null || previous.failures() <= 0
                || (!previous.lockedAt(now) && !now.isBefore(previous.windowStart().plus(window)));
        int failures = fresh ? 1 : previous.failures() + 1;
        Instant windowStart = fresh ? now : previous.windowStart();
        if (failures < maxFailures) {
            return new State(windowStart, failures, null);
        }
        Instant lockedUntil = now.plus(lockFor(failures));
        // Never shorten a lock already in force (a clock step back between replicas, say).
        if (!fresh && previous.lockedUntil() != null && previous.lockedUntil().isAfter(lockedUntil)) {
            lockedUntil = previous.lockedUntil();
        }
        return new State(windowStart, failures, lockedUntil);
    }

    /** How long {@code failures} failures lock a subject: zero below the threshold. */
    Duration lockFor(int failures) {
        if (failures < maxFailures) {
            return Duration.ZERO;
        }
        Duration delay = baseDelay;
        // Doubling stops at the cap, so the loop is short and the multiplication cannot overflow.
        for (int extra = failures - maxFailures; extra > 0 && delay.compareTo(maxDelay) < 0; extra--) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
