package dev.yubin.mta.policy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops asking a policy service that does not answer. Closed, every call goes through; after
 * {@code failureThreshold} consecutive failures it opens: for {@code openFor} no call is made
 * and every SMTP stage is answered 451 4.3.0 at once, instead of each client waiting for a
 * timeout. Then it is half-open: one call probes; its success closes the breaker, its failure
 * opens it again. Thread-safe: SMTP sessions share it.
 *
 * <p>Call order: {@link #tryAcquire()}, and when it said yes, exactly one of
 * {@link #onSuccess()} or {@link #onFailure()}.
 */
final class CircuitBreaker {

    enum State {
        CLOSED(0), OPEN(1), HALF_OPEN(2);

        final int gaugeValue;

        State(int gaugeValue) {
            this.gaugeValue = gaugeValue;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

    private final int failureThreshold;
    private final long openForNanos;
    private final LongSupplier nanoTime;
    private final Counter trips;
    private final Counter shortCircuited;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean probeInFlight;

    /** @param nanoTime {@code System::nanoTime}, or a test's clock */
    CircuitBreaker(int failureThreshold, Duration openFor, LongSupplier nanoTime, MeterRegistry meters) {
        this.failureThreshold = failureThreshold;
        this.openForNanos = openFor.toNanos();
        this.nanoTime = nanoTime;
        Gauge.builder("yubin.mta.policy.circuit.state", this, breaker -> breaker.state().gaugeValue)
                .description("Circuit breaker of the policy client: 0 closed, 1 open, 2 half-open")
                .register(meters);
        this.trips = Counter.builder("yubin.mta.policy.circuit.trips")
                .description("Times the policy client's circuit breaker opened")
                .register(meters);
        this.shortCircuited = Counter.builder("yubin.mta.policy.circuit.rejected")
                .description("Policy questions answered 451 4.3.0 without asking, the breaker being open")
                .register(meters);
    }

    /** @return true when the call may be made now */
    synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED -> {
                return true;
            }
            case OPEN -> {
                if (nanoTime.getAsLong() - openedAt >= openForNanos) {
                    state = State.HALF_OPEN;
                    probeInFlight = true;
                    log.info("Policy service circuit half-open: probing with one call");
                    return true;
                }
            }
            case HALF_OPEN -> {
                if (!probeInFlight) {
                    probeInFlight = true;
                    return true;
                }
            }
        }
        shortCircuited.increment();
        return false;
    }

    synchronized void onSuccess() {
        if (state != State.CLOSED) {
            log.info("Policy service circuit closed: the service answers again");
        }
        state = State.CLOSED;
        consecutiveFailures = 0;
        probeInFlight = false;
    }

    synchronized void onFailure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && consecutiveFailures >= failureThreshold)) {
            log.warn("Policy service circuit open for {} ms after {} consecutive failures: answering 451 4.3.0 without asking",
                    Duration.ofNanos(openForNanos).toMillis(), consecutiveFailures);
            state = State.OPEN;
            openedAt = nanoTime.getAsLong();
            probeInFlight = false;
            trips.increment();
        }
    }

    synchronized State state() {
        return state;
    }
}
