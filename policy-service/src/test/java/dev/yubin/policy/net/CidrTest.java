package dev.yubin.policy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest
    @CsvSource({
            "192.0.2.0/24, 192.0.2.0, true",
            "192.0.2.0/24, 192.0.2.255, true",
            "192.0.2.0/24, 192.0.3.0, false",
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "172.16.0.0/12, 172.31.255.255, true",
            "172.16.0.0/12, 172.32.0.0, false",
            "192.0.2.128/25, 192.0.2.127, false",
            "192.0.2.128/25, 192.0.2.200, true",
            "0.0.0.0/0, 203.0.113.5, true",
            "0.0.0.0/0, 2001:db8::1, false",
            "192.0.2.1, 192.0.2.1, true",
            "192.0.2.1, 192.0.2.2, false",
            "192.0.2.1/32, 192.0.2.1, true",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "2001:db8::/33, 2001:db8:8000::1, false",
            "::/0, ::1, true",
            "::/0, 127.0.0.1, false",
            "::1/128, ::1, true",
            "::1, 0:0:0:0:0:0:0:1, true",
            "192.0.2.0/24, ::ffff:192.0.2.9, true",
    })
    void containsExactlyTheAddressesOfItsPrefix(String cidr, String address, boolean inside) {
        assertThat(Cidr.parse(cidr).contains(IpLiterals.parse(address).orElseThrow())).isEqualTo(inside);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "192.0.2.0/33", "2001:db8::/129", "192.0.2.0/-1", "192.0.2.0/", "192.0.2.0/x",
            "192.0.2.1/24", "10.0.0.1/8", "2001:db8::1/32", "example.com", "example.com/24", "256.0.0.0/8",
            "10.1/16", "localhost", "fe80::1%eth0/64", "::ffff:0:0/96"})
    void refusesWhatIsNoNetwork(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(text));
    }

    @Test
    void hostBitsAreRefusedWithTheLikelyMeaning() {
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("10.1.2.3/8"))
                .withMessage("host bits set in 10.1.2.3/8; did you mean 10.0.0.0/8?");
    }

    @Test
    void printsInCanonicalForm() {
        assertThat(Cidr.parse(" 192.0.2.0/24 ")).hasToString("192.0.2.0/24");
        assertThat(Cidr.parse("2001:DB8::/32").toString()).isEqualTo("2001:db8:0:0:0:0:0:0/32");
    }

    @Test
    void neverResolvesNames() throws Exception {
        assertThat(IpLiterals.parse("localhost")).isEmpty();
        assertThat(IpLiterals.parse("1.2.3")).isEmpty();
        assertThat(IpLiterals.parse("010.0.0.1")).isEmpty();
        assertThat(IpLiterals.parse(null)).isEmpty();
        assertThat(IpLiterals.parse("198.51.100.1")).contains(InetAddress.getByName("198.51.100.1"));
    }
}
