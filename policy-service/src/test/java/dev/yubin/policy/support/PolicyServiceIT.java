package dev.yubin.policy.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port, against a real PostgreSQL and the shared {@link TestDns}
 * server, with known tokens and the Postfix policy listener on a random loopback port.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "yubin.security.admin-token=" + Api.ADMIN_TOKEN,
        "yubin.security.internal-token=" + Api.INTERNAL_TOKEN,
        "yubin.mta.hostname=" + PolicyServiceIT.MTA_HOSTNAME,
        "yubin.dns.timeout=300ms",
        "yubin.dns.attempts=1",
        "yubin.policy.postfix.port=0",
        "yubin.policy.postfix.bind-address=127.0.0.1"})
@ContextConfiguration(initializers = {EmbeddedPostgresInitializer.class, TestDns.class})
public @interface PolicyServiceIT {

    /** The name our MTA announces in these tests: a client may not use it in HELO. */
    String MTA_HOSTNAME = "mx.yubin.test";
}
