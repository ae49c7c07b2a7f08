package dev.yubin.policy.check.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsblZoneTest {

    @Test
    void parsesZoneWeightAndAnswerCodes() throws Exception {
        assertThat(DnsblZone.parse("zen.example.org").toString()).isEqualTo("zen.example.org=1");
        assertThat(DnsblZone.parse(" BL.Example.org.=3 ").toString()).isEqualTo("bl.example.org=3");
        assertThat(DnsblZone.parse("wl.example.org=-2").weight()).isEqualTo(-2);
        DnsblZone filtered = DnsblZone.parse("zen.example.org=2:127.0.0.2, 127.0.0.4");
        assertThat(filtered.weight()).isEqualTo(2);
        assertThat(filtered.codes()).containsExactlyInAnyOrder(InetAddress.getByName("127.0.0.2"),
                InetAddress.getByName("127.0.0.4"));
    }

    @Test
    void badSpecsStopStartup() {
        for (String bad : List.of("", "=2", "zone", "zen.example.org=x", "zen.example.org=2:localhost",
                "zen.example.org=1:2001:db8::1", "bad_zone.example=1")) {
            assertThatThrownBy(() -> DnsblZone.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new DnsblProperties(List.of("zen.example.org"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCommaSeparatedPropertyKeepsItsAnswerCodes() {
        DnsblProperties split = new DnsblProperties(List.of("a.example.org=2:127.0.0.2", "127.0.0.4", "b.example.org"),
                1);
        assertThat(split.parsedZones()).map(DnsblZone::toString)
                .containsExactly("a.example.org=2:127.0.0.2,127.0.0.4", "b.example.org=1");
        assertThatThrownBy(() -> new DnsblProperties(List.of("b.example.org", "127.0.0.4"), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void answerCodesDecideWhatIsAListing() throws Exception {
        DnsblZone any = DnsblZone.parse("any.example.org");
        DnsblZone only2 = DnsblZone.parse("only.example.org=1:127.0.0.2");
        InetAddress two = InetAddress.getByName("127.0.0.2");
        InetAddress three = InetAddress.getByName("127.0.0.3");
        InetAddress refused = InetAddress.getByName("127.255.255.254");
        InetAddress outside = InetAddress.getByName("192.0.2.1");

        assertThat(any.lists(List.of(three))).isTrue();
        assertThat(any.lists(List.of(refused))).isFalse();
        assertThat(any.lists(List.of(outside))).isFalse();
        assertThat(only2.lists(List.of(three))).isFalse();
        assertThat(only2.lists(List.of(three, two))).isTrue();
    }

    @Test
    void addressesAreReversedAsRfc5782Says() throws Exception {
        assertThat(DnsblCheck.reversed(InetAddress.getByName("192.0.2.99"))).isEqualTo("99.2.0.192");
        assertThat(DnsblCheck.reversed(InetAddress.getByName("2001:db8::1")))
                .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2");
    }
}
