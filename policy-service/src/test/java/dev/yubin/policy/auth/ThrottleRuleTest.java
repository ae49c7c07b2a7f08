package dev.yubin.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.auth.ThrottleRule.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThrottleRuleTest {

    private static final Instant T0 = Instant.parse("2030-03-01T10:00:00Z");
    private final ThrottleRule rule = new ThrottleRule(3, Duration.ofMinutes(15), Duration.ofMinutes(1),
            Duration.ofMinutes(10));

    @Test
    void failuresBelowTheThresholdDoNotLock() {
        State first = rule.afterFailure(null, T0);
        State second = rule.afterFailure(first, T0.plusSeconds(10));
        assertThat(first).isEqualTo(new State(T0, 1, null));
        assertThat(second).isEqualTo(new State(T0, 2, null));
        assertThat(second.lockedAt(T0.plusSeconds(10))).isFalse();
    }

    @Test
    void reachingTheThresholdLocksForTheBaseDelay() {
        State state = failures(3, T0);
        assertThat(state.failures()).isEqualTo(3);
        assertThat(state.lockedUntil()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(state.lockedAt(T0.plusSeconds(59))).isTrue();
        assertThat(state.lockedAt(T0.plusSeconds(60))).isFalse();
    }

    @Test
    void eachFurtherFailureDoublesTheLockUpToTheCap() {
        assertThat(rule.lockFor(1)).isZero();
        assertThat(rule.lockFor(2)).isZero();
        assertThat(rule.lockFor(3)).isEqualTo(Duration.ofMinutes(1));
        assertThat(rule.lockFor(4)).isEqualTo(Duration.ofMinutes(2));
        assertThat(rule.lockFor(5)).isEqualTo(Duration.ofMinutes(4));
        assertThat(rule.lockFor(6)).isEqualTo(Duration.ofMinutes(8));
        assertThat(rule.lockFor(7)).isEqualTo(Duration.ofMinutes(10));
        assertThat(rule.lockFor(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void failureWhileLockedExtendsTheLockFromNow() {
        State locked = failures(3, T0);
        Instant during = T0.plusSeconds(30);
        State extended = rule.afterFailure(locked, during);
        assertThat(extended.failures()).isEqualTo(4);
        assertThat(extended.windowStart()).isEqualTo(T0);
        assertThat(extended.lockedUntil()).isEqualTo(during.plus(Duration.ofMinutes(2)));
    }

    @Test
    void failureAfterTheLockButInsideTheWindowLocksAgainLonger() {
        State locked = failures(3, T0);
        Instant afterLock = T0.plus(Duration.ofMinutes(2));
        State again = rule.afterFailure(locked, afterLock);
        assertThat(again.failures()).isEqualTo(4);
        assertThat(again.lockedUntil()).isEqualTo(afterLock.plus(Duration.ofMinutes(2)));
    }

    @Test
    void afterTheWindowAndTheLockASubjectStartsAfresh() {
        State locked = failures(3, T0);
        Instant later = T0.plus(Duration.ofMinutes(15));
        assertThat(rule.afterFailure(locked, later)).isEqualTo(new State(later, 1, null));
    }

    @Test
    void aLockLongerThanTheWindowKeepsTheCountGoing() {
        // A 1-minute window and a 5-minute lock: two minutes on, the window is over but the lock
        // is not, so a failure continues the series (and doubles the lock) instead of starting afresh.
        ThrottleRule shortWindow = new ThrottleRule(3, Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofHours(1));
        State state = null;
        for (int i = 0; i < 3; i++) {
            state = shortWindow.afterFailure(state, T0);
        }
        Instant pastWindowStillLocked = T0.plus(Duration.ofMinutes(2));
        State next = shortWindow.afterFailure(state, pastWindowStillLocked);
        assertThat(next.failures()).isEqualTo(4);
        assertThat(next.lockedUntil()).isEqualTo(pastWindowStillLocked.plus(Duration.ofMinutes(10)));
    }

    @Test
    void aPlaceholderRowWithoutFailuresCountsAsNone() {
        assertThat(rule.afterFailure(new State(T0.minusSeconds(5), 0, null), T0)).isEqualTo(new State(T0, 1, null));
    }

    private State failures(int count, Instant at) {
        State state = null;
        for (int i = 0; i < count; i++) {
            state = rule.afterFailure(state, at);
        }
        return state;
    }
}
