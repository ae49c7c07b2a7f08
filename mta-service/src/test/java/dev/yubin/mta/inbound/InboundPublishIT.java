package dev.yubin.mta.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.when;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.Topics;
import dev.yubin.core.policy.PolicyVerdict;
import dev.yubin.core.policy.ResolvedRecipient;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.core.policy.PolicyCheck;
import dev.yubin.core.policy.Stage;
import dev.yubin.mta.authentication.MessageAuthenticator;
import dev.yubin.mta.policy.PolicyService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import dev.yubin.smtp.server.AcceptedEvents;
import dev.yubin.smtp.server.MailPublisher;
import dev.yubin.smtp.server.ReceivedHeader;
import dev.yubin.smtp.server.SmtpClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The receive service under the SMTP adapter, against a real Kafka broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "yubin.mta.smtp-port=0",
        "yubin.mta.bind-address=127.0.0.1",
        "yubin.mta.hostname=mx.yubin.test",
        "logging.level.org.apache.kafka=WARN"})
@EmbeddedKafka(partitions = 3, topics = {Topics.INBOUND, Topics.OUTBOUND, Topics.EVENTS},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class InboundPublishIT {

    private static final SmtpClient CLIENT = new SmtpClient("192.0.2.10", "client.example.org", Optional.empty());
    private static final byte[] BODY = ("From: <sender@remote.example>\r\nSubject: =?UTF-8?B?5pel5pys?=\r\n\r\n"
            + "Hello \u00e9t\u00e9\r\n..not a dot line\r\n").getBytes(StandardCharsets.UTF_8);

    @Autowired
    InboundService inbound;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    KafkaProperties kafkaProperties;
    /** The policy service's answers: MAIL accepted with SPF none, DATA accepted with DMARC none. */
    @MockitoBean
    PolicyService policy;
    @Autowired
    MessageAuthenticator authenticator;
    @Autowired
    JsonMapper json;

    private KafkaConsumer<String, byte[]> consumer;

    @BeforeEach
    void policyAccepts() {
        when(policy.check(argThat(request -> request != null && request.stage() == Stage.MAIL))).thenReturn(
                new PolicyVerdict(SmtpReply.SENDER_OK, false, List.of(), List.of(new PolicyCheck("spf", "DUNNO",
                        "spf=none (mailfrom=sender@remote.example, ip=192.0.2.10)"))));
        when(policy.check(argThat(request -> request != null && request.stage() == Stage.DATA))).thenReturn(
                new PolicyVerdict(SmtpReply.OK, false, List.of(), List.of(new PolicyCheck("dmarc", "DUNNO",
                        "dmarc=none header.from=remote.example; no DMARC record at _dmarc.remote.example"))));
    }

    @BeforeEach
    void subscribe() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.INBOUND, Topics.OUTBOUND, Topics.EVENTS));
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    @Test
    void localAndRemoteRecipientsMakeOneInboundRecordAndOneOutboundRecordPerDomain() {
        Transaction tx = inbound.begin(CLIENT);
        assertThat(inbound.mailFrom(tx, "sender@remote.example").reply()).isEqualTo(SmtpReply.SENDER_OK);
        tx.addRecipient(address("alice@example.test"), List.of(local("alice@example.test")));
        tx.addRecipient(address("team@example.test"), List.of(local("alice@example.test"), local("bob@example.test"),
                remote("carol@remote.example")));
        tx.addRecipient(address("dave@other.example"), List.of(remote("dave@other.example")));

        SmtpReply reply = inbound.accept(tx, BODY);

        String queueId = tx.queueId().value();
        assertThat(reply).isEqualTo(SmtpReply.queued(queueId));
        assertThat(reply.toString()).isEqualTo("250 2.0.0 Ok: queued as " + queueId);
        List<ConsumerRecord<String, byte[]>> records = recordsOf(queueId, 4);

        ConsumerRecord<String, byte[]> local = only(records, Topics.INBOUND);
        assertThat(local.key()).isEqualTo(queueId);
        Envelope envelope = KafkaRecords.toEnvelope(local.headers());
        assertThat(envelope.queueId()).isEqualTo(tx.queueId());
        assertThat(envelope.sender().address()).isEqualTo("sender@remote.example");
        assertThat(envelope.clientAddress()).isEqualTo("192.0.2.10");
        assertThat(envelope.helo()).isEqualTo("client.example.org");
        assertThat(envelope.recipients()).containsExactly(
                Recipient.of(address("alice@example.test")),
                new Recipient(address("bob@example.test"), address("team@example.test")));
        assertMessageIsOurHeaderThenTheBody(local.value(), queueId);

        List<ConsumerRecord<String, byte[]>> outbound = records.stream()
                .filter(r -> r.topic().equals(Topics.OUTBOUND)).toList();
        assertThat(outbound).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("remote.example", "other.example");
        for (ConsumerRecord<String, byte[]> record : outbound) {
            Envelope remote = KafkaRecords.toEnvelope(record.headers());
            assertThat(remote.queueId()).isEqualTo(tx.queueId());
            assertThat(remote.recipients()).allSatisfy(r -> assertThat(r.address().domain()).isEqualTo(record.key()));
            assertMessageIsOurHeaderThenTheBody(record.value(), queueId);
        }
        assertThat(outbound).flatExtracting(r -> KafkaRecords.toEnvelope(r.headers()).recipients())
                .containsExactlyInAnyOrder(
                        new Recipient(address("carol@remote.example"), address("team@example.test")),
                        Recipient.of(address("dave@other.example")));

        JsonNode event = json.readTree(only(records, Topics.EVENTS).value());
        assertThat(event.get("type").asString()).isEqualTo("accepted");
        assertThat(event.get("queueId").asString()).isEqualTo(queueId);
        assertThat(event.get("sender").asString()).isEqualTo("sender@remote.example");
        assertThat(event.get("clientAddress").asString()).isEqualTo("192.0.2.10");
        assertThat(event.get("recipients")).hasSize(4);
        assertThat(event.get("time").asString()).isEqualTo(envelope.receivedAt().toString());
    }

    @Test
    void anEventStillWaitingForItsBatchIsSentWhenItsProducerCloses() {
        Transaction tx = inbound.begin(CLIENT);
        inbound.mailFrom(tx, "sender@remote.example");
        tx.addRecipient(address("alice@example.test"), List.of(local("alice@example.test")));
        // a linger no test waits out (the producer wants its delivery timeout longer): only the close sends
        Map<String, Object> settings = new HashMap<>(kafkaProperties.buildProducerProperties());
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofHours(2).toMillis());
        AcceptedEvents events = AcceptedEvents.batching(settings, Duration.ofHours(1), json);

        events.accepted(tx.envelope(Instant.now()));
        events.close();

        JsonNode event = json.readTree(only(recordsOf(tx.queueId().value(), 1), Topics.EVENTS).value());
        assertThat(event.get("type").asString()).isEqualTo("accepted");
        assertThat(event.get("recipients")).hasSize(1);
    }

    @Test
    void brokerUnreachableMeans451WithinTheBoundedWait() throws IOException {
        Map<String, Object> producer = kafkaProperties.buildProducerProperties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort());
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(producer);
        try {
            Producer<String, byte[]> deadKafka = factory.createProducer();
            InboundService cutOff = new InboundService(new QueueIdGenerator(), policy,
                    new MailPublisher(deadKafka, Duration.ofSeconds(20)), new AcceptedEvents(deadKafka, json),
                    new ReceivedHeader("mx.yubin.test", ZoneOffset.UTC, true), Clock.systemUTC(), 100, new SimpleMeterRegistry(),
                    authenticator);
            Transaction tx = cutOff.begin(CLIENT);
            cutOff.mailFrom(tx, "");
            tx.addRecipient(address("alice@example.test"), List.of(local("alice@example.test")));
            tx.addRecipient(address("carol@remote.example"), List.of(remote("carol@remote.example")));

            long start = System.nanoTime();
            SmtpReply reply = cutOff.accept(tx, BODY);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(reply).isEqualTo(SmtpReply.SYSTEM_UNAVAILABLE);
            assertThat(reply.toString()).startsWith("451 4.3.0");
            // max.block.ms is 5 s; delivery.timeout.ms (15 s) bounds a broker lost after the metadata
            assertThat(took).isLessThan(Duration.ofSeconds(16));
        } finally {
            factory.destroy();
        }
    }

    private void assertMessageIsOurHeaderThenTheBody(byte[] message, String queueId) {
        String text = new String(message, StandardCharsets.UTF_8);
        assertThat(text).startsWith("Received: from client.example.org ([192.0.2.10]) by mx.yubin.test (Yubin)\r\n")
                .contains("id " + queueId);
        int endOfHeader = text.indexOf("\r\nFrom: ") + 2;
        // our two fields, unfolded: Received, then Authentication-Results under our name (RFC 8601)
        assertThat(text.substring(0, endOfHeader).replace("\r\n\t", " ")).matches("Received: [^\r\n]+\r\n"
                + "Authentication-Results: mx\\.yubin\\.test; spf=none smtp\\.mailfrom=sender@remote\\.example; "
                + "dkim=none; dmarc=none header\\.from=remote\\.example\r\n");
        byte[] rest = java.util.Arrays.copyOfRange(message, message.length - BODY.length, message.length);
        assertThat(rest).isEqualTo(BODY);
        assertThat(message.length).isEqualTo(endOfHeader + BODY.length);
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(String queueId, int expected) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                String id = new String(record.headers().lastHeader("yubin-queue-id") != null
                        ? record.headers().lastHeader("yubin-queue-id").value()
                        : record.key().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                if (id.equals(queueId)) {
                    seen.add(record);
                }
            }
            return seen.size() >= expected;
        });
        return seen;
    }

    private static ConsumerRecord<String, byte[]> only(List<ConsumerRecord<String, byte[]>> records, String topic) {
        List<ConsumerRecord<String, byte[]>> onTopic = records.stream().filter(r -> r.topic().equals(topic)).toList();
        assertThat(onTopic).hasSize(1);
        return onTopic.get(0);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static MailAddress address(String address) {
        return MailAddress.parse(address);
    }

    private static ResolvedRecipient local(String address) {
        return new ResolvedRecipient(address, true);
    }

    private static ResolvedRecipient remote(String address) {
        return new ResolvedRecipient(address, false);
    }
}
