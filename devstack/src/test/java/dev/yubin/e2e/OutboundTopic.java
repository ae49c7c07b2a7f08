package dev.yubin.e2e;

import static org.awaitility.Awaitility.await;

import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.Topics;
import dev.yubin.devstack.launcher.RunningPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code yubin.mail.outbound} the way a relay worker would, to see what the platform sends out. */
final class OutboundTopic {

    private OutboundTopic() {}

    /**
     * Waits (at most 60 s) for a record of the message {@code queueId}. A consumer group of its
     * own, from the earliest offset: the record may have been written before the call, and the
     * relay's own group keeps its offsets.
     */
    static ConsumerRecord<String, byte[]> awaitRecord(RunningPlatform platform, String queueId) {
        Properties props = new Properties();
        props.put("bootstrap.servers", platform.kafkaBootstrap());
        props.put("group.id", "e2e-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.OUTBOUND));
            return await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (queueId.equals(KafkaRecords.toEnvelope(record.headers()).queueId().value())) {
                        return record;
                    }
                }
                return null;
            }, record -> record != null);
        }
    }
}
