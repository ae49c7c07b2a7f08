package dev.yubin.mta.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.envelope.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A relay stopped while its sessions are in the middle of DATA, and stay there past the
 * shutdown grace, loses nothing: the messages waiting for a session were put back on the
 * outbound topic, the sessions were closed and their messages deferred (or left uncommitted),
 * so the next relay of the group delivers them all. A message may reach the remote twice; none
 * may be missing.
 */
class RelayRestartIT {

    private StandaloneRelay world;
    private TestMx mx;

    @BeforeEach
    void startWorld() {
        world = new StandaloneRelay(3);
    }

    @AfterEach
    void stopWorld() {
        if (mx != null) {
            mx.close();
        }
        world.close();
    }

    @Test
    void messagesInFlightWhenTheRelayStopsAreDeliveredByTheNextOne() throws Exception {
        String domain = "restart-" + Long.toHexString(System.nanoTime()) + ".test";
        world.dns.mx(domain, 10, "mx." + domain).a("mx." + domain, "127.0.0.250");
        mx = new TestMx().holdData().start("127.0.0.250", world.mxPort);
        Set<String> queueIds = new HashSet<>();
        List<Envelope> envelopes = new ArrayList<>();
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Envelope envelope = new Envelope(new QueueIdGenerator().next(), ReversePath.parse("<alice@example.test>"),
                    List.of(Recipient.of(MailAddress.parse("user" + i + "@" + domain))), "192.0.2.7", "", "client",
                    Optional.empty(), Instant.now(), List.of());
            queueIds.add(envelope.queueId().value());
            envelopes.add(envelope);
            messages.add(("Subject: " + envelope.queueId() + "\r\n\r\nbody\r\n").getBytes());
        }
        world.queue(domain, envelopes, messages);

        ConfigurableApplicationContext first = relay();
        await().atMost(Duration.ofSeconds(30)).until(() -> mx.active.get() == 3); // three sessions inside DATA
        first.close();
        mx.release();

        try (ConfigurableApplicationContext second = relay()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> deliveredQueueIds().containsAll(queueIds));
        }
        assertThat(deliveredQueueIds()).containsAll(queueIds);
    }

    private Set<String> deliveredQueueIds() {
        Set<String> ids = new HashSet<>();
        for (TestMx.Received received : mx.received) {
            String text = new String(received.data());
            ids.add(text.substring("Subject: ".length(), text.indexOf("\r\n")));
        }
        return ids;
    }

    private ConfigurableApplicationContext relay() {
        return world.start("--yubin.relay.retry.first=1s", "--yubin.relay.retry.max=2s",
                "--yubin.relay.destination-concurrency=3");
    }
}
