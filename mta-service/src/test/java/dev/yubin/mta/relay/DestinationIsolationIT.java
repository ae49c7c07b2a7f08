package dev.yubin.mta.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Per-destination limits, and one destination's trouble staying its own. */
class DestinationIsolationIT extends RelayIntegrationTest {

    @Test
    void fortyMessagesToOneDestinationNeverUseMoreThanItsSessionLimit() throws Exception {
        String domain = newDomain("busy");
        String ip = newAddress();
        DNS.mx(domain, 10, "mx." + domain).a("mx." + domain, ip);
        TestMx mx = mx(ip, new TestMx().holdData());

        for (int i = 0; i < 40; i++) {
            relay(envelope("<alice@example.test>", "user" + i + "@" + domain), message("message " + i));
        }

        // every session holds its DATA: the limit (3 in these tests) is reached and not passed
        await().atMost(TIMEOUT).until(() -> mx.active.get() == 3);
        mx.release();
        await().atMost(TIMEOUT).until(() -> mx.received.size() == 40);
        assertThat(mx.maxActive.get()).isEqualTo(3);
        assertThat(mx.sessions.get()).as("sessions are reused for several messages").isLessThan(40);
    }

    @Test
    void destinationThatAcceptsConnectionsButNeverAnswersDelaysNoOtherDomain() throws Exception {
        String silent = newDomain("blackhole");
        String silentIp = newAddress();
        ServerSocket blackHole = closing(new ServerSocket());
        blackHole.bind(new InetSocketAddress(InetAddress.getByName(silentIp), MX_PORT), 100); // never accepts, never answers
        DNS.mx(silent, 10, "mx." + silent).a("mx." + silent, silentIp);
        String healthy = newDomain("healthy");
        String healthyIp = newAddress();
        DNS.mx(healthy, 10, "mx." + healthy).a("mx." + healthy, healthyIp);
        TestMx mx = mx(healthyIp);

        // all on one partition, the black hole's records first
        for (int i = 0; i < 10; i++) {
            relay(envelope("<alice@example.test>", "user" + i + "@" + silent), message("into the void " + i), 0);
        }
        relay(envelope("<alice@example.test>", "bob@" + healthy), message("must not wait"), 0);

        await().atMost(Duration.ofSeconds(10)).until(() -> mx.received.size() == 1);
    }
}
