package dev.yubin.mta.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get, meters);

    @Test
    void opensAfterTheThresholdOfConsecutiveFailuresAndThenRefusesCalls() {
        fail(2);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(trips()).isEqualTo(1);
        assertThat(gauge()).isEqualTo(1);
        assertThat(meters.get("yubin.mta.policy.circuit.rejected").counter().count()).isEqualTo(1);
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        fail(2);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onSuccess();
        fail(2);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void afterTheOpenTimeOneProbeIsLetThroughAndItsSuccessCloses() {
        fail(3);
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(breaker.tryAcquire()).isFalse();
        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(gauge()).isEqualTo(2);
        assertThat(breaker.tryAcquire()).as("a second call while the probe is out").isFalse();

        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(gauge()).isZero();
    }

    @Test
    void aFailedProbeOpensAgainForTheWholeTime() {
        fail(3);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();

        breaker.onFailure();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(trips()).isEqualTo(2);
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(breaker.tryAcquire()).isFalse();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.onFailure();
        }
    }

    private double trips() {
        return meters.get("yubin.mta.policy.circuit.trips").counter().count();
    }

    private double gauge() {
        return meters.get("yubin.mta.policy.circuit.state").gauge().value();
    }
}
