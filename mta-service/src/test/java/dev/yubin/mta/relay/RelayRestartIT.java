package dev.yubin.mta.relay;

import dev.yubin.core.fixtures.TestDnsServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.Topics;
import dev.yubin.mta.MtaApplication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A relay stopped while its sessions are in the middle of DATA, and stay there past the
 * shutdown grace, loses nothing: the messages waiting for a session were put back on the
 * outbound topic, the sessions were closed and their messages deferred (or left uncommitted),
 * so the next relay of the group delivers them all. A message may reach the remote twice; none
 * may be missing.
 */
class RelayRestartIT {

    private final EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3,
            Topics.INBOUND, Topics.OUTBOUND, Topics.EVENTS);
    private final TestDnsServer dns = TestDnsServer.start();
    private final TestPolicy policy = TestPolicy.start("example.test");
    private final int port = freePort();
    private TestMx mx;

    @BeforeEach
    void startWorld() {
        broker.afterPropertiesSet();
    }

    @AfterEach
    void stopWorld() {
        if (mx != null) {
            mx.close();
        }
        dns.close();
        policy.close();
        broker.destroy();
    }

    @Test
    void messagesInFlightWhenTheRelayStopsAreDeliveredByTheNextOne() throws Exception {
        String domain = "restart-" + Long.toHexString(System.nanoTime()) + ".test";
        dns.mx(domain, 10, "mx." + domain).a("mx." + domain, "127.0.0.250");
        mx = new TestMx().holdData().start("127.0.0.250", port);
        Set<String> queueIds = new HashSet<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 6; i++) {
                Envelope envelope = new Envelope(new QueueIdGenerator().next(), ReversePath.parse("<alice@example.test>"),
                        List.of(Recipient.of(MailAddress.parse("user" + i + "@" + domain))), "192.0.2.7", "", "client",
                        Optional.empty(), Instant.now(), List.of());
                queueIds.add(envelope.queueId().value());
                producer.send(KafkaRecords.outbound(domain, envelope,
                        ("Subject: " + envelope.queueId() + "\r\n\r\nbody\r\n").getBytes())).get(10, TimeUnit.SECONDS);
            }
        }

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

    /** Command-line arguments: they win over application.yml, as on a real command line. */
    private ConfigurableApplicationContext relay() {
        return new SpringApplicationBuilder(MtaApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--yubin.mta.relay.enabled=true",
                        "--yubin.mta.smtp-port=0",
                        "--yubin.mta.bind-address=127.0.0.1",
                        "--yubin.policy.url=" + policy.url(),
                        "--yubin.dns.servers=127.0.0.1:" + dns.port(),
                        "--yubin.relay.smtp-port=" + port,
                        "--yubin.relay.helo-name=relay.yubin.test",
                        "--yubin.relay.retry.first=1s",
                        "--yubin.relay.retry.max=2s",
                        "--yubin.relay.destination-concurrency=3",
                        "--yubin.relay.commit-interval=100ms",
                        "--yubin.relay.shutdown-grace=2s",
                        "--logging.level.org.apache.kafka=WARN",
                        "--logging.level.kafka=WARN");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
