package dev.yubin.mda.trace;

import dev.yubin.core.kafka.Topics;
import java.util.ArrayList;
import java.util.List;
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
 * Consumes {@code yubin.mail.events} (group {@code mda-trace}) into the trace tables, the events
 * of one poll in one transaction. The offsets are committed after that transaction; a failing
 * database is retried by the container's error handler ({@link TraceKafkaConfig}), an unreadable
 * event is logged and skipped (it is a report, not mail).
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

    @KafkaListener(id = "mda-trace", groupId = GROUP, topics = Topics.EVENTS,
            containerFactory = TraceKafkaConfig.CONTAINER_FACTORY)
    void onEvents(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
        List<TraceStore.Sourced> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                JsonNode node = json.readTree(record.value());
                events.add(new TraceStore.Sourced(TraceEvent.of(node),
                        record.topic() + "-" + record.partition() + "@" + record.offset()));
            } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
                try (MDC.MDCCloseable ignored = MDC.putCloseable("queueId", String.valueOf(record.key()))) {
                    log.warn("Queue id {}: unreadable event {}-{}@{} skipped: {}", record.key(), record.topic(),
                            record.partition(), record.offset(), e.getMessage());
                }
            }
        }
        int stored = store.record(events);
        // After the commit: a crash before this line replays the batch, which stores nothing twice.
        ack.acknowledge();
        log.debug("{} trace events stored, {} replayed or unreadable", stored, records.size() - stored);
    }
}
