package dev.yubin.mta.relay;

import dev.yubin.core.fixtures.TestDnsServer;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.Topics;
import dev.yubin.smtp.server.fixtures.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay against a real Kafka broker (embedded), a DNS server ({@link TestDnsServer}) and remote
 * MX hosts ({@link TestMx}) on 127.0.0.x, all on one random SMTP port, with a retry schedule of
 * seconds. Subclasses add no configuration, so they share one context; each test uses domains
 * and loopback addresses of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "yubin.mta.relay.enabled=true",
        "yubin.mta.smtp-port=0",
        "yubin.mta.bind-address=127.0.0.1",
        "yubin.mta.hostname=mta.yubin.test",
        "yubin.relay.helo-name=relay.yubin.test",
        "yubin.relay.retry.first=1s",
        "yubin.relay.retry.max=2s",
        "yubin.relay.destination-concurrency=3",
        "yubin.relay.connect-timeout=2s",
        // long, so that a destination that never answers is isolated by design, not by a timeout
        "yubin.relay.greeting-timeout=120s",
        "yubin.relay.commit-interval=100ms",
        "yubin.dns.timeout=2s",
        // RelayTlsPolicyIT: two partner domains that require TLS, one of them a verified one
        "yubin.relay.tls-policy[" + RelayIntegrationTest.ENCRYPT_DOMAIN + "]=encrypt",
        "yubin.relay.tls-policy[" + RelayIntegrationTest.VERIFY_DOMAIN + "]=verify",
        "yubin.relay.tls-trust-bundle=relay-trust",
        "yubin.security.internal-token=" + RelayIntegrationTest.INTERNAL_TOKEN,
        "logging.level.org.apache.kafka=WARN",
        "logging.level.kafka=WARN"})
@EmbeddedKafka(partitions = 3, topics = {Topics.INBOUND, Topics.OUTBOUND, Topics.EVENTS},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
abstract class RelayIntegrationTest {

    static final String LOCAL_DOMAIN = "example.test";
    static final String INTERNAL_TOKEN = "relay-test-internal-token";
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final TestDnsServer DNS = TestDnsServer.start();
    static final TestPolicy POLICY = TestPolicy.start(LOCAL_DOMAIN);
    static final int MX_PORT = freePort();
    static final String ENCRYPT_DOMAIN = "encrypt-partner.test";
    static final String VERIFY_DOMAIN = "verify-partner.test";
    /** The certificate of {@code mx.verify-partner.test}, the only one in the relay's trust bundle. */
    static final SelfSignedCertificate VERIFIED_MX = SelfSignedCertificate.create("mx." + VERIFY_DOMAIN);
    /** 127.0.0.2 and up: every MX of every test on an address of its own. */
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(2);

    @Autowired
    EmbeddedKafkaBroker broker;

    final JsonMapper json = JsonMapper.builder().build();
    final QueueIdGenerator queueIds = new QueueIdGenerator();
    private final List<AutoCloseable> closeAfter = new CopyOnWriteArrayList<>();
    KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    @DynamicPropertySource
    static void remoteWorld(DynamicPropertyRegistry registry) {
        registry.add("yubin.dns.servers", () -> "127.0.0.1:" + DNS.port());
        registry.add("yubin.relay.smtp-port", () -> MX_PORT);
        registry.add("yubin.policy.url", POLICY::url);
        registry.add("spring.ssl.bundle.pem.relay-trust.truststore.certificate", VERIFIED_MX::certificatePem);
    }

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.INBOUND, Topics.OUTBOUND, Topics.EVENTS));
    }

    @AfterEach
    void disconnect() throws Exception {
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }

    /** A domain nobody else uses. */
    static String newDomain(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    static String newAddress() {
        return "127.0.0." + NEXT_ADDRESS.getAndIncrement();
    }

    TestMx mx(String ip) {
        return closing(new TestMx().start(ip, MX_PORT));
    }

    TestMx mx(String ip, TestMx configured) {
        return closing(configured.start(ip, MX_PORT));
    }

    <T extends AutoCloseable> T closing(T closeable) {
        closeAfter.add(closeable);
        return closeable;
    }

    Envelope envelope(String sender, String... recipients) {
        return envelopeReceivedAt(Instant.now(), sender, recipients);
    }

    Envelope envelopeReceivedAt(Instant receivedAt, String sender, String... recipients) {
        return new Envelope(queueIds.next(), ReversePath.parse(sender),
                Arrays.stream(recipients).map(r -> Recipient.of(MailAddress.parse(r))).toList(),
                "192.0.2.7", "", "client.example.org", Optional.empty(), receivedAt, List.of());
    }

    static byte[] message(String subject) {
        return ("From: Alice <alice@example.test>\r\n"
                + "To: someone\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@example.test>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + "Grüße aus Zürich.\r\n"
                + ".a line that starts with a dot\r\n"
                + ".\r\n"
                + "end\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Queues the message for the relay as the receive side does: one record keyed by the domain. */
    void relay(Envelope envelope, byte[] message) throws Exception {
        String domain = envelope.recipients().get(0).address().domain();
        producer.send(KafkaRecords.outbound(domain, envelope, message)).get(10, TimeUnit.SECONDS);
    }

    void relay(Envelope envelope, byte[] message, int partition) throws Exception {
        ProducerRecord<String, byte[]> record = KafkaRecords.outbound(
                envelope.recipients().get(0).address().domain(), envelope, message);
        producer.send(new ProducerRecord<>(record.topic(), partition, record.key(), record.value(), record.headers()))
                .get(10, TimeUnit.SECONDS);
    }

    /** Waits for records that match, reading inbound, outbound and events from the start. */
    List<ConsumerRecord<String, byte[]>> awaitRecords(Predicate<ConsumerRecord<String, byte[]>> match, int count) {
        await().atMost(TIMEOUT).until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            return seen.stream().filter(match).count() >= count;
        });
        return seen.stream().filter(match).toList();
    }

    /** The events about one queue id seen so far, after waiting for one of the given type and recipient. */
    List<JsonNode> awaitEvent(String queueId, String type, String recipient) {
        awaitRecords(r -> r.topic().equals(Topics.EVENTS) && queueId.equals(r.key())
                && matches(json.readTree(r.value()), type, recipient), 1);
        return events(queueId);
    }

    List<JsonNode> events(String queueId) {
        return seen.stream()
                .filter(r -> r.topic().equals(Topics.EVENTS) && queueId.equals(r.key()))
                .map(r -> json.readTree(r.value()))
                .toList();
    }

    private static boolean matches(JsonNode event, String type, String recipient) {
        return event.get("type").asString().equals(type)
                && (recipient == null || (event.has("recipient") && event.get("recipient").asString().equals(recipient)));
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
