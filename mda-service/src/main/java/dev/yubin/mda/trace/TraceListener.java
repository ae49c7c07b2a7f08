package dev.yubin.mda.trace;

import dev.yubin.core.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code yubin.mail.events} (group {@code mda-trace}) into the trace tables. The offset
 * is committed after the store's transaction; a failing database is retried by the container's
 * error handler, an unreadable event is logged and skipped (it is a report, not mail).
 */
@Component
class TraceListener {

    static final String GROUP = "mda-trace";
    private static final Logger log = LoggerFactory.getLogger(TraceListener.class);

    private final TraceStore store;
    private final JsonMapper json;

    TraceListener(TraceStore store) {
        this.store = store;
        this.json = JsonMapper.builder().build();
    }

    @KafkaListener(id = "mda-trace", groupId = GROUP, topics = Topics.EVENTS)
    void onEvent(ConsumerRecord<String, byte[]> record, Acknowledgment ack) {
        TraceEvent event;
        try {
            JsonNode node = json.readTree(record.value());
            event = TraceEvent.of(node);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            log.warn("Queue id {}: unreadable event {}-{}@{} skipped: {}", record.key(), record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            ack.acknowledge();
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("queueId", event.queueId())) {
            store.record(event, record.topic() + "-" + record.partition() + "@" + record.offset());
            ack.acknowledge();
        }
    }
}
