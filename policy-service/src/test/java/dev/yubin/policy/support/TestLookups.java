package dev.yubin.policy.support;

import dev.yubin.core.fixtures.TestDnsServer;
import dev.yubin.policy.dns.DnsLookup;
import dev.yubin.policy.dns.DnsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The service's resolver asking one test DNS server alone (300 ms, one attempt), for unit tests. */
public final class TestLookups {

    private TestLookups() {}

    public static DnsLookup of(TestDnsServer dns, Clock clock) {
        return new DnsLookup(new DnsProperties(List.of(dns.address()), Duration.ofMillis(300), 1, 1000,
                Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofSeconds(30)), clock, new SimpleMeterRegistry());
    }
}
