package dev.yubin.policy.support;

import dev.yubin.core.fixtures.TestDnsServer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One {@link TestDnsServer} for every Spring test context of the JVM: {@code yubin.dns.servers}
 * points at it, so no test depends on the outside network. Tests that share it use names of
 * their own. The few names the older tests use as senders resolve.
 */
public final class TestDns implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final class Holder {
        static final TestDnsServer SERVER = TestDnsServer.start()
                .a("remote.example", "192.0.2.250")
                .a("client.example", "192.0.2.251");
    }

    /** The shared server: add the records a test needs before the service first asks for them. */
    public static TestDnsServer server() {
        return Holder.SERVER;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of("yubin.dns.servers=" + server().address()).applyTo(context.getEnvironment());
    }
}
