package dev.yubin.mta.policy;

import dev.yubin.mta.config.PolicyProperties;
import dev.yubin.mta.config.SecurityProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts hard-bounced recipients on the policy service's suppression list:
 * {@code POST /api/v1/suppressions} with {@code {"address","reason"}} and the internal token.
 * <p>
 * Fire and forget: {@link #suppress} returns at once and never throws. The list only protects
 * senders from mailing a dead address again, so a failed call is logged (with the queue id of
 * the bounced message) and counted in {@code yubin.relay.suppression.failures}, and the delivery
 * outcome stays what it was.
 */
public class SuppressionClient {

    static final String PATH = "/api/v1/suppressions";
    /** Requests waiting for the policy service at most; a bounce storm against a slow policy
     *  service must not pile up connections and threads without end. */
    static final int MAX_IN_FLIGHT = 64;

    private static final Logger log = LoggerFactory.getLogger(SuppressionClient.class);

    private final PolicyPosts posts;
    private final URI uri;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Counter failures;

    public SuppressionClient(PolicyProperties policy, SecurityProperties security, JsonMapper json,
                             MeterRegistry meters) {
        this.posts = new PolicyPosts(policy, security, json);
        this.uri = posts.uri(PATH);
        this.failures = Counter.builder("yubin.relay.suppression.failures")
                .description("Hard-bounced recipients that could not be put on the policy service's suppression list")
                .register(meters);
    }

    /** The body of the request; the policy service ignores fields it does not know. */
    record Suppression(String address, String reason) {}

    /**
     * Asks the policy service to suppress {@code address}, in the background.
     *
     * @param queueId the bounced message, for the log line if the call fails
     */
    public void suppress(String queueId, String address, String reason) {
        if (!inFlight.tryAcquire()) {
            fail(queueId, address, MAX_IN_FLIGHT + " suppression requests already waiting");
            return;
        }
        try {
            posts.sendAsync(PATH, new Suppression(address, reason)).whenComplete((response, failure) -> {
                inFlight.release();
                if (failure != null) {
                    fail(queueId, address, failure.toString());
                } else if (response.statusCode() == 409) {
                    log.debug("{}: <{}> was already suppressed", queueId, address);
                } else if (response.statusCode() / 100 != 2) {
                    fail(queueId, address, "HTTP " + response.statusCode());
                } else {
                    log.info("{}: <{}> added to the suppression list", queueId, address);
                }
            });
        } catch (RuntimeException e) {
            inFlight.release();
            fail(queueId, address, e.toString());
        }
    }

    private void fail(String queueId, String address, String why) {
        failures.increment();
        log.warn("{}: <{}> not added to the suppression list (POST {}): {}", queueId, address, uri, why);
    }
}
