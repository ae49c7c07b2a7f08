package dev.yubin.policy.check.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.policy.Action;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.core.fixtures.TestDnsServer;
import dev.yubin.policy.support.TestLookups;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DnsblCheckTest {

    private final TestDnsServer dns = TestDnsServer.start();

    @AfterEach
    void stop() {
        dns.close();
    }

    private DnsblCheck check(int threshold, String... zones) {
        return new DnsblCheck(TestLookups.of(dns, Clock.systemUTC()), new DnsblProperties(List.of(zones), threshold));
    }

    private static Verdict connect(DnsblCheck check, String client) {
        return check.evaluate(new PolicyRequest(Stage.CONNECT, null, client, null, null, null, null, null, null));
    }

    @Test
    void weightsOfListingZonesAddUpToTheThreshold() {
        dns.a("5.2.0.192.a.bl.test", "127.0.0.2").a("5.2.0.192.b.bl.test", "127.0.0.2");
        dns.a("6.2.0.192.a.bl.test", "127.0.0.2");
        DnsblCheck check = check(3, "a.bl.test=1", "b.bl.test=2");

        Verdict both = connect(check, "192.0.2.5");
        assertThat(both.action()).isEqualTo(Action.REJECT);
        assertThat(both.reply().toString()).isEqualTo("554 5.7.1 Access denied");
        assertThat(both.reason()).contains("scores 3 of threshold 3", "a.bl.test lists it", "b.bl.test lists it");

        Verdict one = connect(check, "192.0.2.6");
        assertThat(one.action()).isEqualTo(Action.DUNNO);
        assertThat(one.reason()).contains("scores 1 of threshold 3", "b.bl.test: NXDOMAIN");
    }

    @Test
    void filteredZoneCountsOnlyItsCodesAndAnAllowListOffsets() {
        dns.a("7.2.0.192.f.bl.test", "127.0.0.3").a("8.2.0.192.f.bl.test", "127.0.0.4");
        dns.a("8.2.0.192.wl.bl.test", "127.0.0.2");
        DnsblCheck check = check(1, "f.bl.test=1:127.0.0.2,127.0.0.4", "wl.bl.test=-1");

        Verdict notListed = connect(check, "192.0.2.7");
        assertThat(notListed.action()).isEqualTo(Action.DUNNO);
        assertThat(notListed.reason()).contains("f.bl.test answered [127.0.0.3], not a listing code");
        assertThat(connect(check(1, "f.bl.test=1:127.0.0.2,127.0.0.4"), "192.0.2.8").action())
                .isEqualTo(Action.REJECT);
        assertThat(connect(check, "192.0.2.8").action()).isEqualTo(Action.DUNNO);
    }

    @Test
    void silentZoneCountsNothingAndIsLogged() {
        dns.silence("slow.bl.test").a("9.2.0.192.a.bl.test", "127.0.0.2");
        Verdict verdict = connect(check(2, "slow.bl.test=5", "a.bl.test=1"), "192.0.2.9");
        assertThat(verdict.action()).isEqualTo(Action.DUNNO);
        assertThat(verdict.reason()).contains("slow.bl.test: TIMEOUT", "scores 1");
    }

    @Test
    void ipv6ClientsAreLookedUpByNibbles() {
        dns.a("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.a.bl.test", "127.0.0.2");
        assertThat(connect(check(1, "a.bl.test"), "2001:db8::1").action()).isEqualTo(Action.REJECT);
    }
}
