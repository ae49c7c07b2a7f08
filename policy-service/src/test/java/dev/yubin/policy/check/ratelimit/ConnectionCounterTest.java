package dev.yubin.policy.check.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionCounterTest {

    @Test
    void previousMinuteWeighsInByWhatTheSlidingMinuteStillCovers() {
        assertThat(ConnectionCounter.carried(60, 0)).isEqualTo(60);
        assertThat(ConnectionCounter.carried(60, 30_000)).isEqualTo(30);
        assertThat(ConnectionCounter.carried(1, 59_999)).isEqualTo(1);   // rounded up
        assertThat(ConnectionCounter.carried(60, 60_000)).isZero();
        assertThat(ConnectionCounter.carried(0, 10_000)).isZero();
    }
}
