package dev.yubin.mda.delivery;

import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.MalformedRecordException;
import dev.yubin.core.kafka.Topics;
import dev.yubin.mda.mailbox.DeliveryOutcome;
import dev.yubin.mda.mailbox.MailboxStore;
import dev.yubin.mda.trace.DeliveryEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/** Consumes {@code yubin.mail.inbound} and stores each message in its recipients' mailboxes. */
@Component
class DeliveryListener {

    static final String GROUP = "mda";

    private static final Logger log = LoggerFactory.getLogger(DeliveryListener.class);

    private final MailboxStore store;
    private final DeliveryEvents events;
    private final Counter delivered;
    private final Timer storeTimer;

    DeliveryListener(MailboxStore store, DeliveryEvents events, MeterRegistry meters) {
        this.store = store;
        this.events = events;
        this.delivered = Counter.builder("yubin.mda.delivered")
                .description("Message copies stored in a mailbox (replays not counted)")
                .register(meters);
        this.storeTimer = Timer.builder("yubin.mda.store")
                .description("Time to store one inbound record, transaction commit included")
                .register(meters);
    }

    @KafkaListener(id = "mda-delivery", groupId = GROUP, topics = Topics.INBOUND)
    void onMessage(ConsumerRecord<String, byte[]> record, Acknowledgment ack) {
        Envelope envelope = KafkaRecords.toEnvelope(record.headers());
        String queueId = envelope.queueId().value();
        try (MDC.MDCCloseable ignored = MDC.putCloseable("queueId", queueId)) {
            if (record.value() == null) {
                throw new MalformedRecordException("queue id " + queueId + ": record without message bytes");
            }
            // store.deliver returns only after its transaction has committed. Only then is the
            // offset committed: a crash in between replays the record, which the idempotent
            // store absorbs. The other order would lose the message if we crashed after the
            // commit and before the store.
            DeliveryOutcome outcome = storeTimer.record(() -> store.deliver(envelope, record.value()));
            ack.acknowledge();
            delivered.increment(outcome.stored().size());
            events.delivered(envelope, outcome.stored());
            if (!outcome.stored().isEmpty()) {
                log.info("Queue id {}: stored {} octets for {}", queueId, record.value().length, outcome.stored());
            }
            if (!outcome.duplicate().isEmpty()) {
                log.info("Queue id {}: already delivered to {}, replay ignored", queueId, outcome.duplicate());
            }
        }
    }
}
