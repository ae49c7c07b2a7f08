package dev.yubin.mta.policy;

import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.PolicyVerdict;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

/**
 * Asks the policy service at any SMTP stage; any failure to get an answer is a temporary
 * refusal (451 4.3.0), never an acceptance. A {@link CircuitBreaker} stops the asking while the
 * service is down or slow, so that clients get their 451 at once.
 */
@Service
public class PolicyService {

    private static final Logger log = LoggerFactory.getLogger(PolicyService.class);

    private final PolicyClient client;
    private final CircuitBreaker breaker;

    @Autowired
    PolicyService(PolicyClient client, CircuitBreakerProperties properties, MeterRegistry meters) {
        this(client, new CircuitBreaker(properties.failureThreshold(), properties.openFor(), System::nanoTime, meters));
    }

    PolicyService(PolicyClient client, CircuitBreaker breaker) {
        this.client = client;
        this.breaker = breaker;
    }

    /** The verdict on one question; the request's stage says what an acceptance must contain. */
    public PolicyVerdict check(PolicyRequest request) {
        String subject = subject(request);
        if (!breaker.tryAcquire()) {
            log.debug("{}: policy service circuit open: {} not asked", queueId(request), subject);
            return PolicyVerdict.UNAVAILABLE;
        }
        PolicyVerdict verdict;
        try {
            verdict = PolicyVerdict.of(request.stage(), client.check(request));
        } catch (ResourceAccessException | HttpServerErrorException e) {
            // a timeout, a refused connection, a 5xx: the service is down or in trouble
            breaker.onFailure();
            log.warn("{}: policy service unavailable for {}: {}", queueId(request), subject, e.toString());
            return PolicyVerdict.UNAVAILABLE;
        } catch (RuntimeException e) {
            // a 4xx or unreadable JSON: the service is there, the answer is no use (a bug or a bad token)
            breaker.onSuccess();
            log.warn("{}: no usable policy answer for {}: {}", queueId(request), subject, e.toString());
            return PolicyVerdict.UNAVAILABLE;
        }
        breaker.onSuccess();
        if (verdict == PolicyVerdict.UNAVAILABLE) {
            log.warn("{}: policy answer for {} is unusable: replying {}", queueId(request), subject, verdict.reply());
        }
        return verdict;
    }

    private static String queueId(PolicyRequest request) {
        return request.queueId() == null ? "NOQUEUE" : request.queueId();
    }

    private static String subject(PolicyRequest request) {
        return switch (request.stage()) {
            case RCPT -> "RCPT <" + request.recipient() + ">";
            case MAIL -> "MAIL <" + request.sender() + ">";
            case HELO -> "HELO " + request.helo() + " from [" + request.clientAddress() + "]";
            default -> request.stage() + " from [" + request.clientAddress() + "]";
        };
    }
}
