package dev.yubin.mta.relay;

import dev.yubin.core.fixtures.TestDnsServer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.mta.dns.MxHost;
import dev.yubin.mta.dns.MxResolver;
import dev.yubin.mta.dns.Route;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.SimpleResolver;

/** {@link MxResolver} against a real DNS server over UDP ({@link TestDnsServer}). */
class MxResolutionTest {

    private static final TestDnsServer DNS = TestDnsServer.start();

    private final MxResolver resolver = resolver();

    @AfterAll
    static void stop() {
        DNS.close();
    }

    @Test
    void mxHostsComeByPreferenceWithAllTheirAddresses() {
        DNS.mx("pref.test", 20, "b.pref.test").mx("pref.test", 10, "a.pref.test")
                .a("a.pref.test", "127.0.0.10").a("a.pref.test", "127.0.0.11").a("b.pref.test", "127.0.0.12");

        Route route = resolver.resolve("pref.test", 2525);

        List<MxHost> hosts = ((Route.Hosts) route).hosts();
        assertThat(hosts).extracting(MxHost::name).containsExactly("a.pref.test", "b.pref.test");
        assertThat(hosts.get(0).addresses()).extracting(a -> a.getHostAddress())
                .containsExactlyInAnyOrder("127.0.0.10", "127.0.0.11");
        assertThat(hosts.get(0).port()).isEqualTo(2525);
    }

    @Test
    void equalPreferencesAreShuffled() {
        DNS.mx("equal.test", 10, "a.equal.test").mx("equal.test", 10, "b.equal.test")
                .a("a.equal.test", "127.0.0.20").a("b.equal.test", "127.0.0.21");
        Set<String> firsts = new HashSet<>();

        for (int i = 0; i < 200 && firsts.size() < 2; i++) {
            firsts.add(((Route.Hosts) resolver.resolve("equal.test", 25)).hosts().get(0).name());
        }

        assertThat(firsts).containsExactlyInAnyOrder("a.equal.test", "b.equal.test");
    }

    @Test
    void domainWithoutMxIsItsOwnImplicitMx() {
        DNS.a("implicit.test", "127.0.0.30");

        List<MxHost> hosts = ((Route.Hosts) resolver.resolve("implicit.test", 25)).hosts();

        assertThat(hosts).singleElement().extracting(MxHost::name).isEqualTo("implicit.test");
    }

    @Test
    void nullMxNoSuchDomainAndServfailAreTold() {
        DNS.nullMx("nullmx.test").a("nullmx.test", "127.0.0.40").servfail("broken.test");

        assertThat(resolver.resolve("nullmx.test", 25)).isEqualTo(
                new Route.Undeliverable("domain nullmx.test accepts no mail (null MX)", true));
        assertThat(resolver.resolve("nowhere.test", 25)).isInstanceOfSatisfying(Route.Undeliverable.class,
                u -> assertThat(u.nullMx()).isFalse());
        assertThat(resolver.resolve("broken.test", 25)).isInstanceOf(Route.TryAgain.class);
    }

    @Test
    void mxWhoseHostHasNoAddressIsSkipped() {
        DNS.mx("partial.test", 10, "ghost.partial.test").mx("partial.test", 20, "real.partial.test")
                .a("real.partial.test", "127.0.0.50");

        List<MxHost> hosts = ((Route.Hosts) resolver.resolve("partial.test", 25)).hosts();

        assertThat(hosts).extracting(MxHost::name).containsExactly("real.partial.test");
    }

    private static MxResolver resolver() {
        SimpleResolver server = new SimpleResolver(new java.net.InetSocketAddress("127.0.0.1", DNS.port()));
        server.setTimeout(Duration.ofSeconds(2));
        return new MxResolver(server, new Cache(DClass.IN));
    }

}
