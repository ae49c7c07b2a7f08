package dev.yubin.mta.policy;

import dev.yubin.mta.config.PolicyProperties;
import dev.yubin.mta.config.SecurityProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the policy service which SMTP sessions are over, so that they stop counting towards
 * their client's concurrent sessions: {@code POST /api/v1/policy/sessions/ended} with
 * {@code {"sessionIds":[...]}} and the internal token.
 * <p>
 * {@link #ended} only puts the id in a bounded queue and never blocks or throws: it runs on the
 * SMTP session's thread. One background thread sends what has gathered every
 * {@link #INTERVAL}, in batches of at most {@link #MAX_BATCH}. A lost report costs nothing worse
 * than a session counted until the policy service's session lifetime runs out, so a full queue
 * or a failed call is logged and counted in {@code yubin.mta.policy.session-ends.failures}, and
 * the batch is not retried. Call {@link #close} at shutdown: it sends what is left.
 */
public class SessionEndReporter implements AutoCloseable {

    static final String PATH = "/api/v1/policy/sessions/ended";
    static final Duration INTERVAL = Duration.ofMillis(200);
    static final int MAX_BATCH = 500;
    /** Sessions waiting to be reported at most: a policy service that stays away must not fill the heap. */
    static final int CAPACITY = 10_000;

    private static final Logger log = LoggerFactory.getLogger(SessionEndReporter.class);

    private final PolicyPosts posts;
    private final URI uri;
    private final BlockingQueue<String> pending = new ArrayBlockingQueue<>(CAPACITY);
    private final Counter failures;
    private final ScheduledExecutorService sender;

    public SessionEndReporter(PolicyProperties policy, SecurityProperties security, JsonMapper json,
                              MeterRegistry meters) {
        this(policy, security, json, meters, INTERVAL);
    }

    /** @param interval how often the queue is sent: tests stretch it to see one batch */
    SessionEndReporter(PolicyProperties policy, SecurityProperties security, JsonMapper json, MeterRegistry meters,
                       Duration interval) {
        this.posts = new PolicyPosts(policy, security, json);
        this.uri = posts.uri(PATH);
        this.failures = Counter.builder("yubin.mta.policy.session-ends.failures")
                .description("Ended SMTP sessions that could not be reported to the policy service")
                .register(meters);
        this.sender = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "policy-session-ends");
            thread.setDaemon(true);
            return thread;
        });
        sender.scheduleWithFixedDelay(this::drain, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The body of the request; the policy service ignores fields it does not know. */
    record SessionsEnded(List<String> sessionIds) {}

    /** Reports the end of session {@code sessionId} with the next batch; returns at once. */
    public void ended(String sessionId) {
        if (!pending.offer(sessionId)) {
            failures.increment();
            log.warn("session {} not reported as ended: {} sessions already waiting", sessionId, CAPACITY);
        }
    }

    /** Sends everything queued, batch by batch; on the sender thread (and at {@link #close}). */
    void drain() {
        List<String> batch = new ArrayList<>();
        while (pending.drainTo(batch, MAX_BATCH) > 0) {
            send(batch);
            batch = new ArrayList<>();
        }
    }

    private void send(List<String> batch) {
        try {
            HttpResponse<Void> response = posts.send(PATH, new SessionsEnded(batch));
            if (response.statusCode() / 100 != 2) {
                fail(batch, "HTTP " + response.statusCode());
            } else {
                log.debug("reported {} ended sessions", batch.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(batch, "interrupted");
        } catch (Exception e) {
            // never let an exception end the scheduled task: later batches must still go
            fail(batch, e.toString());
        }
    }

    private void fail(List<String> batch, String why) {
        failures.increment(batch.size());
        log.warn("{} ended sessions not reported (POST {}): {}", batch.size(), uri, why);
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(posts.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }
}
