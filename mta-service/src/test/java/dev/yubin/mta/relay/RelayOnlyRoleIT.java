package dev.yubin.mta.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.envelope.Envelope;
import dev.yubin.mta.inbound.InboundService;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A relay-only replica ({@code yubin.mta.receive.enabled=false}): nothing listens on the
 * configured SMTP port, the context is healthy, and outbound mail is still delivered.
 */
@TestPropertySource(properties = "yubin.mta.receive.enabled=false")
class RelayOnlyRoleIT extends RelayIntegrationTest {

    /** A fixed port, free when the context starts: the listener would bind it if it were on. */
    static final int SMTP_PORT = freeSmtpPort();

    @Autowired
    ApplicationContext context;

    @Autowired
    HealthEndpoint health;

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("yubin.mta.smtp-port", () -> SMTP_PORT);
    }

    @Test
    void nothingListensOnTheSmtpPortAndTheContextIsHealthy() {
        assertThat(context.getBeanNamesForType(InboundService.class)).isEmpty();
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", SMTP_PORT), 2000);
            }
        }).isInstanceOf(ConnectException.class);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void theRelayStillDelivers() throws Exception {
        String domain = newDomain("relayonly");
        String ip = newAddress();
        DNS.mx(domain, 10, "mx." + domain).a("mx." + domain, ip);
        TestMx mx = mx(ip);
        Envelope envelope = envelope("<alice@example.test>", "bob@" + domain);

        relay(envelope, message("relayed by a replica that does not receive"));

        await().atMost(TIMEOUT).until(() -> mx.received.size() == 1);
        assertThat(mx.received.get(0).recipients()).containsExactly("bob@" + domain);
        awaitEvent(envelope.queueId().value(), "delivered", "bob@" + domain);
    }

    private static int freeSmtpPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
