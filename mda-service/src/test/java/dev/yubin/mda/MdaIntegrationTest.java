package dev.yubin.mda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service on a random port with a real Kafka broker (embedded, KRaft) and a real PostgreSQL
 * ({@link TestDatabase}). Subclasses add nothing to the configuration, so they share one
 * application context, one broker and one consumer group.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.org.apache.kafka=WARN",
        "logging.level.kafka=WARN",
        "yubin.security.admin-token=" + MdaIntegrationTest.ADMIN_TOKEN,
        // nothing listens on port 1: a password check finds the policy service down
        "yubin.policy.url=http://127.0.0.1:1",
        "yubin.mda.delivery.retry-first=200ms",
        "yubin.mda.delivery.retry-max=1s",
        "spring.datasource.hikari.connection-timeout=1000"})
@EmbeddedKafka(partitions = 3, topics = {Topics.INBOUND, MdaIntegrationTest.DEAD_LETTER_TOPIC, Topics.EVENTS},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public abstract class MdaIntegrationTest {

    protected static final String ADMIN_TOKEN = "test-admin-token";
    protected static final String DEAD_LETTER_TOPIC = Topics.INBOUND + ".dlt";
    protected static final String GROUP = "mda";
    protected static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    protected final HttpClient http = HttpClient.newHttpClient();
    protected final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected EmbeddedKafkaBroker broker;

    protected KafkaProducer<String, byte[]> producer;
    protected Admin admin;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
    }

    @BeforeEach
    void connectToKafka() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    @AfterEach
    void disconnectFromKafka() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }

    protected RecordMetadata send(ProducerRecord<String, byte[]> record) throws Exception {
        return producer.send(record).get(10, TimeUnit.SECONDS);
    }

    protected RecordMetadata send(Envelope envelope, byte[] message) throws Exception {
        return send(KafkaRecords.inbound(envelope, message));
    }

    /** Produces the record and waits until the MDA has committed its offset. */
    protected RecordMetadata deliver(Envelope envelope, byte[] message) throws Exception {
        RecordMetadata sent = send(envelope, message);
        awaitCommitted(sent);
        return sent;
    }

    protected void awaitCommitted(RecordMetadata sent) {
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        await().atMost(DELIVERY_TIMEOUT).until(() -> committedOffset(partition) > sent.offset());
    }

    /** The next offset the consumer group will read on this partition (0 before any commit). */
    protected long committedOffset(TopicPartition partition) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        OffsetAndMetadata committed = offsets.get(partition);
        return committed == null ? 0 : committed.offset();
    }

    protected HttpResponse<byte[]> request(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    protected HttpResponse<byte[]> asAdmin(String method, String path) throws Exception {
        return request(method, path, "Bearer " + ADMIN_TOKEN);
    }

    protected JsonNode jsonOf(HttpResponse<byte[]> response) {
        return json.readTree(response.body());
    }

    protected static String messagesOf(MailAddress mailbox) {
        return "/api/v1/mailboxes/" + mailbox + "/messages";
    }

    /** The mailbox listing via REST with the admin token. */
    protected JsonNode list(MailAddress mailbox) throws Exception {
        HttpResponse<byte[]> response = asAdmin("GET", messagesOf(mailbox));
        assertThat(response.statusCode()).isEqualTo(200);
        return jsonOf(response);
    }
}
