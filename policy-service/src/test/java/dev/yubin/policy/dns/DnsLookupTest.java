package dev.yubin.policy.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yubin.policy.dns.DnsAnswer.Status;
import dev.yubin.policy.support.MutableClock;
import dev.yubin.core.fixtures.TestDnsServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class DnsLookupTest {

    private final TestDnsServer dns = TestDnsServer.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DnsLookup lookup = new DnsLookup(
            new DnsProperties(List.of(dns.address()), Duration.ofMillis(300), 1, 100, Duration.ofHours(1),
                    Duration.ofMinutes(15), Duration.ofSeconds(30)), clock, meters);

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void answersEachTypeFromTheServer() throws Exception {
        dns.a("mail.example.test", "192.0.2.1").aaaa("mail.example.test", "2001:db8::1")
                .mx("example.test", 10, "mail.example.test").txt("example.test", "v=spf1 -all")
                .ptr("192.0.2.1", "mail.example.test");

        assertThat(lookup.lookup("mail.example.test", Type.A).addresses())
                .containsExactly(InetAddress.getByName("192.0.2.1"));
        assertThat(lookup.lookup("MAIL.example.test.", Type.AAAA).addresses())
                .containsExactly(InetAddress.getByName("2001:db8::1"));
        assertThat(lookup.lookup("example.test", Type.MX).names()).containsExactly("mail.example.test");
        assertThat(lookup.lookup("example.test", Type.TXT).texts()).containsExactly("v=spf1 -all");
        DnsAnswer ptr = lookup.reverse(InetAddress.getByName("192.0.2.1"));
        assertThat(ptr.status()).isEqualTo(Status.FOUND);
        assertThat(ptr.names()).containsExactly("mail.example.test");
    }

    @Test
    void tellsNoSuchNameFromNoSuchRecordFromNoAnswer() {
        dns.a("host.example.test", "192.0.2.2").silence("slow.example.test");

        assertThat(lookup.lookup("nothing.example.test", Type.A).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(lookup.lookup("host.example.test", Type.MX).status()).isEqualTo(Status.NODATA);
        DnsAnswer timeout = lookup.lookup("a.slow.example.test", Type.A);
        assertThat(timeout.status()).isEqualTo(Status.TIMEOUT);
        assertThat(timeout.isTemporaryFailure()).isTrue();
        assertThat(timeout.isNegative()).isFalse();
        assertThat(lookup.lookup("bad..name", Type.A).status()).isEqualTo(Status.NXDOMAIN);
    }

    @Test
    void answersAreCachedForTheirTtl() {
        dns.a("cached.example.test", "192.0.2.3");
        lookup.lookup("cached.example.test", Type.A);
        lookup.lookup("Cached.Example.Test", Type.A);
        assertThat(dns.queries("cached.example.test")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(TestDnsServer.TTL));
        assertThat(lookup.lookup("cached.example.test", Type.A).isFound()).isTrue();
        assertThat(dns.queries("cached.example.test")).isEqualTo(2);
    }

    @Test
    void negativeAnswersAreCachedForTheSoaMinimum() {
        lookup.lookup("missing.example.test", Type.A);
        clock.advance(Duration.ofSeconds(TestDnsServer.NEGATIVE_TTL - 1));
        lookup.lookup("missing.example.test", Type.A);
        assertThat(dns.queries("missing.example.test")).isEqualTo(1);

        dns.a("missing.example.test", "192.0.2.4");
        clock.advance(Duration.ofSeconds(1));
        assertThat(lookup.lookup("missing.example.test", Type.A).isFound()).isTrue();
        assertThat(dns.queries("missing.example.test")).isEqualTo(2);
    }

    @Test
    void negativeAnswersWithoutASoaAreKeptBriefly() {
        dns.withoutSoaInNegativeAnswers();
        lookup.lookup("nosoa.example.test", Type.TXT);
        clock.advance(Duration.ofSeconds(29));
        assertThat(lookup.lookup("nosoa.example.test", Type.TXT).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(dns.queries("nosoa.example.test")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        lookup.lookup("nosoa.example.test", Type.TXT);
        assertThat(dns.queries("nosoa.example.test")).isEqualTo(2);
    }

    @Test
    void concurrentLookupsOfOneQuestionShareOneQuery() {
        dns.silence("burst.example.test");
        List<CompletableFuture<DnsAnswer>> burst = IntStream.range(0, 20)
                .mapToObj(i -> lookup.lookupAsync("burst.example.test", Type.TXT)).toList();

        assertThat(burst).allSatisfy(answer -> assertThat(answer.join().status()).isEqualTo(Status.TIMEOUT));
        assertThat(dns.queries("burst.example.test")).isEqualTo(1);
        lookup.lookup("burst.example.test", Type.TXT);
        assertThat(dns.queries("burst.example.test")).as("a failure is not kept: the next lookup asks again").isEqualTo(2);
    }

    @Test
    void timeoutsAreNotCachedAndLookupsAreTimed() {
        dns.silence("mute.example.test");
        lookup.lookup("mute.example.test", Type.TXT);
        lookup.lookup("mute.example.test", Type.TXT);
        assertThat(dns.queries("mute.example.test")).isEqualTo(2);
        assertThat(meters.get("yubin.dns.lookups").tag("status", "TIMEOUT").tag("type", "TXT").timer().count())
                .isEqualTo(2);
    }

    @Test
    void serversAreHostAndPort() {
        assertThat(DnsServers.address("127.0.0.1:5353").getPort()).isEqualTo(5353);
        assertThat(DnsServers.address("127.0.0.1").getPort()).isEqualTo(53);
        assertThat(DnsServers.address("[::1]:5353").getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(DnsServers.address("::1").getPort()).isEqualTo(53);
        assertThatThrownBy(() -> DnsServers.address("127.0.0.1:99999")).isInstanceOf(IllegalArgumentException.class);
    }
}
