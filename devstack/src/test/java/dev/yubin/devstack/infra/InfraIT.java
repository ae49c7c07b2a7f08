package dev.yubin.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.yubin.core.kafka.Topics;
import dev.yubin.devstack.launcher.Platform;
import dev.yubin.devstack.launcher.PlatformConfig;
import dev.yubin.devstack.launcher.RunningPlatform;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The devstack infrastructure alone ({@code --infra-only}): it works, and its data survives a restart. */
class InfraIT {

    @TempDir
    Path dataDir;

    @Test
    void kafkaAndPostgresqlWorkAndKeepTheirDataAcrossARestart() throws Exception {
        PlatformConfig config = PlatformConfig.randomPorts(dataDir, Path.of("."))
                .withInfraOnly(true)
                .withTopicPartitions(3);
        String key = UUID.randomUUID().toString();
        String adminToken;

        try (RunningPlatform infra = Platform.start(config)) {
            adminToken = infra.adminToken();
            assertTopicsProvisioned(infra.kafkaBootstrap());
            produce(infra.kafkaBootstrap(), key, "Subject: hello\r\n\r\nbody\r\n");
            assertThat(consumeValues(infra.kafkaBootstrap(), key)).containsExactly("Subject: hello\r\n\r\nbody\r\n");
            try (Connection policy = connect(infra, "yubin_policy"); Statement s = policy.createStatement()) {
                s.execute("create table devstack_probe (id text primary key)");
                s.execute("insert into devstack_probe values ('" + key + "')");
            }
            try (Connection mda = connect(infra, "yubin_mda"); Statement s = mda.createStatement();
                 ResultSet rs = s.executeQuery("select current_database()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("yubin_mda");
            }
        }

        try (RunningPlatform again = Platform.start(config)) {
            assertThat(again.adminToken()).isEqualTo(adminToken);
            try (Connection policy = connect(again, "yubin_policy"); Statement s = policy.createStatement();
                 ResultSet rs = s.executeQuery("select id from devstack_probe")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(key);
            }
            assertThat(consumeValues(again.kafkaBootstrap(), key)).containsExactly("Subject: hello\r\n\r\nbody\r\n");
        }
    }

    @Test
    void theBrokerCanBeStoppedAndStartedAgainUnderTheSamePlatform() throws Exception {
        PlatformConfig config = PlatformConfig.randomPorts(dataDir, Path.of(".")).withInfraOnly(true).withTopicPartitions(1);
        try (RunningPlatform infra = Platform.start(config)) {
            produce(infra.kafkaBootstrap(), "before", "1");

            infra.stopKafka();
            infra.startKafka();

            produce(infra.kafkaBootstrap(), "after", "2");
            assertThat(consumeValues(infra.kafkaBootstrap(), "before")).containsExactly("1");
            assertThat(consumeValues(infra.kafkaBootstrap(), "after")).containsExactly("2");
        }
    }

    private static void assertTopicsProvisioned(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).containsAll(PlatformTopics.NAMES);
            TopicDescription inbound = admin.describeTopics(List.of(Topics.INBOUND)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Topics.INBOUND);
            assertThat(inbound.partitions()).hasSize(3);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.INBOUND);
            Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
            assertThat(config.get("max.message.bytes").value()).isEqualTo("33554432");
        }
    }

    private static void produce(String bootstrap, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.INBOUND, key, value.getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** The values under {@code key} in the inbound topic, read from the beginning by a new group. */
    private static List<String> consumeValues(String bootstrap, String key) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.INBOUND));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(key)) {
                        values.add(new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
                return !values.isEmpty();
            });
        }
        return values;
    }

    private static Connection connect(RunningPlatform platform, String database) throws Exception {
        return DriverManager.getConnection(platform.jdbcUrl(database), "postgres", "");
    }
}
