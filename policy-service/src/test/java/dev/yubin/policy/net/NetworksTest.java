package dev.yubin.policy.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class NetworksTest {

    @Test
    void addressesFallIntoTheirNetworks() throws Exception {
        assertThat(Networks.networkOf(InetAddress.getByName("192.0.2.77"), 24, 64)).isEqualTo("192.0.2.0/24");
        assertThat(Networks.networkOf(InetAddress.getByName("192.0.2.77"), 32, 64)).isEqualTo("192.0.2.77/32");
        assertThat(Networks.networkOf(InetAddress.getByName("2001:db8:1:2:3:4:5:6"), 24, 64))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
    }
}
