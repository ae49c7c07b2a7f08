package dev.yubin.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorCounterTest {

    @Test
    void tripsOnceOnTheErrorOverTheLimit() {
        ErrorCounter counter = new ErrorCounter(3);

        assertThat(counter.count(500)).isFalse();
        assertThat(counter.count(550)).isFalse();
        assertThat(counter.count(451)).isFalse();
        assertThat(counter.count(553)).isTrue();
        assertThat(counter.count(500)).isFalse();
    }

    @Test
    void successesIntermediateRepliesAnd421DoNotCount() {
        ErrorCounter counter = new ErrorCounter(1);

        assertThat(counter.count(220)).isFalse();
        assertThat(counter.count(250)).isFalse();
        assertThat(counter.count(354)).isFalse();
        assertThat(counter.count(421)).isFalse();
        assertThat(counter.errors()).isZero();
        assertThat(counter.count(500)).isFalse();
        assertThat(counter.count(500)).isTrue();
    }

    @Test
    void limitZeroTripsOnTheFirstError() {
        assertThat(new ErrorCounter(0).count(502)).isTrue();
    }
}
