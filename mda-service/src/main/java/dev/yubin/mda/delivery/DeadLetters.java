package dev.yubin.mda.delivery;

import dev.yubin.core.envelope.QueueId;
import dev.yubin.core.kafka.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Moves an inbound record that cannot be delivered because of its own content (an unreadable
 * envelope) to {@code yubin.mail.inbound.dlt}, where an operator finds it: it is never dropped.
 */
@Component
class DeadLetters {

    static final String TOPIC = Topics.INBOUND_DLT;

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final Counter deadLettered;

    DeadLetters(KafkaOperations<?, ?> kafka, MeterRegistry meters) {
        // partition -1: let the producer choose, the DLT may have fewer partitions
        this.publisher = new DeadLetterPublishingRecoverer(kafka, (record, exception) -> new TopicPartition(TOPIC, -1));
        this.deadLettered = Counter.builder("yubin.mda.dead.lettered")
                .description("Inbound records moved to " + TOPIC + " because their envelope was unreadable")
                .register(meters);
    }

    /**
     * Publishes the record, with the reason in the {@code kafka_dlt-*} headers, and returns once
     * the broker has it ({@code acks=all}); throws when it cannot, so that the caller does not
     * commit the record's offset.
     */
    void publish(ConsumerRecord<?, ?> record, Exception reason) {
        String queueId = queueIdOf(record);
        try (MDC.MDCCloseable ignored = MDC.putCloseable("queueId", queueId)) {
            publisher.accept(record, reason);
            deadLettered.increment();
            log.error("Queue id {}: unreadable inbound record {}-{}@{} moved to {}: {}", queueId, record.topic(),
                    record.partition(), record.offset(), TOPIC, rootMessage(reason));
        }
    }

    /** The record key is the queue id (CONTRACT §4), the only id a malformed record still has. */
    static String queueIdOf(ConsumerRecord<?, ?> record) {
        Object key = record.key();
        return key instanceof String id && QueueId.isValid(id) ? id : "unknown";
    }

    static String rootMessage(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
