package dev.yubin.policy.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The service with the optional checks switched on, sharing one context (and one
 * {@link MutableClock}): DNSBL zones {@code heavy.bl.test=3}, {@code light.bl.test=1} and
 * {@code coded.bl.test=2} counting only answers 127.0.0.2 and 127.0.0.4, threshold 3;
 * greylisting; at most {@value #CONNECTIONS_PER_MINUTE} connections per client and minute. Each
 * test class uses client networks of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@PolicyServiceIT
@ControlledClock
@TestPropertySource(properties = {
        "yubin.policy.dnsbl.zones=heavy.bl.test=3,light.bl.test=1,coded.bl.test=2:127.0.0.2,127.0.0.4",
        "yubin.policy.dnsbl.threshold=3",
        "yubin.policy.greylist.enabled=true",
        "yubin.policy.ratelimit.connections-per-minute=" + ChecksIT.CONNECTIONS_PER_MINUTE})
public @interface ChecksIT {

    int CONNECTIONS_PER_MINUTE = 5;
}
