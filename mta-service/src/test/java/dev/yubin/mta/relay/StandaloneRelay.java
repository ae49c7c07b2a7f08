package dev.yubin.mta.relay;

import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.fixtures.TestDnsServer;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.Topics;
import dev.yubin.mta.MtaApplication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The world of a relay started as its own Spring application (not a shared test context), for
 * the ITs that stop and start it or read its console: a Kafka broker, a DNS server, a policy
 * service, and the port every remote MX of the test listens on.
 */
final class StandaloneRelay implements AutoCloseable {

    final EmbeddedKafkaKraftBroker broker;
    final TestDnsServer dns = TestDnsServer.start();
    final TestPolicy policy = TestPolicy.start("example.test");
    /** {@code yubin.relay.smtp-port}: where the relay connects on every MX. */
    final int mxPort = freePort();

    StandaloneRelay(int partitions) {
        broker = new EmbeddedKafkaKraftBroker(1, partitions, Topics.INBOUND, Topics.OUTBOUND, Topics.EVENTS);
        broker.afterPropertiesSet();
    }

    /** Queues messages on {@code yubin.mail.outbound} for {@code domain}, each acknowledged. */
    void queue(String domain, List<Envelope> envelopes, List<byte[]> messages) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < envelopes.size(); i++) {
                producer.send(KafkaRecords.outbound(domain, envelopes.get(i), messages.get(i))).get(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Starts the relay. Command-line arguments win over application.yml, as on a real command
     * line; {@code extraArgs} come last.
     */
    ConfigurableApplicationContext start(String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--yubin.mta.relay.enabled=true",
                "--yubin.mta.smtp-port=0",
                "--yubin.mta.bind-address=127.0.0.1",
                "--yubin.policy.url=" + policy.url(),
                "--yubin.dns.servers=127.0.0.1:" + dns.port(),
                "--yubin.relay.smtp-port=" + mxPort,
                "--yubin.relay.helo-name=relay.yubin.test",
                "--yubin.relay.commit-interval=100ms",
                "--yubin.relay.shutdown-grace=2s",
                "--logging.level.org.apache.kafka=WARN",
                "--logging.level.kafka=WARN"));
        args.addAll(List.of(extraArgs));
        return new SpringApplicationBuilder(MtaApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    @Override
    public void close() {
        dns.close();
        policy.close();
        broker.destroy();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
