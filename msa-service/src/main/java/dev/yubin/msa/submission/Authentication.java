package dev.yubin.msa.submission;

import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.msa.policy.AuthClient;
import dev.yubin.smtp.server.SmtpAuthenticator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * SMTP AUTH: the policy service checks the password and counts the failures (its throttle is
 * shared by every replica). Its answer becomes the reply: an account, 535 5.7.8 for wrong
 * credentials, 454 4.7.0 when it throttles the client or cannot be asked. The client is never
 * told which of the two 454s it got; the log and {@code yubin.msa.auth{result}} are.
 */
@Component
public class Authentication implements SmtpAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(Authentication.class);

    private final AuthClient auth;
    private final Counter success;
    private final Counter failure;
    private final Counter throttled;
    private final Counter unavailable;

    Authentication(AuthClient auth, MeterRegistry meters) {
        this.auth = auth;
        this.success = counter(meters, "success");
        this.failure = counter(meters, "failure");
        this.throttled = counter(meters, "throttled");
        this.unavailable = counter(meters, "unavailable");
    }

    @Override
    public Result authenticate(String username, String password, String clientAddress) {
        AuthClient.Answer answer = auth.authenticate(username, password, clientAddress);
        if (answer instanceof AuthClient.Accepted accepted) {
            success.increment();
            log.info("AUTH as {} from [{}]: accepted for {}", username, clientAddress, accepted.address());
            return new Authenticated(accepted.address());
        }
        if (answer instanceof AuthClient.Rejected) {
            failure.increment();
            log.info("AUTH as {} from [{}]: wrong credentials", username, clientAddress);
            return new Refused(SmtpReply.BAD_CREDENTIALS);
        }
        if (answer instanceof AuthClient.Throttled wait) {
            throttled.increment();
            log.info("AUTH as {} from [{}]: throttled by the policy service{}", username, clientAddress,
                    wait.retryAfter().map(after -> " for " + after.toSeconds() + " s").orElse(""));
            return new Refused(SubmissionReplies.AUTH_TEMPORARY_FAILURE);
        }
        unavailable.increment();
        log.warn("AUTH as {} from [{}]: policy service unavailable: {}", username, clientAddress,
                ((AuthClient.Unavailable) answer).reason());
        return new Refused(SubmissionReplies.AUTH_TEMPORARY_FAILURE);
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("yubin.msa.auth")
                .description("SMTP AUTH attempts, by result")
                .tag("result", result)
                .register(meters);
    }
}
