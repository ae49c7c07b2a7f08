package dev.yubin.mda.delivery;

import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.kafka.EnvelopeHeaders;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.MalformedRecordException;
import dev.yubin.core.kafka.Topics;
import dev.yubin.mda.mailbox.DeliveryOutcome;
import dev.yubin.mda.mailbox.InboundMessage;
import dev.yubin.mda.mailbox.MailboxStore;
import dev.yubin.mda.trace.DeliveryEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code yubin.mail.inbound} and stores the messages in their recipients' mailboxes,
 * all records of one poll in one transaction: per message that is a few rows, and a commit per
 * message was what the database spent its time on.
 */
@Component
class DeliveryListener {

    static final String GROUP = "mda";

    private static final Logger log = LoggerFactory.getLogger(DeliveryListener.class);

    private final MailboxStore store;
    private final DeadLetters deadLetters;
    private final DeliveryEvents events;
    private final Counter delivered;
    private final Timer storeTimer;

    DeliveryListener(MailboxStore store, DeadLetters deadLetters, DeliveryEvents events, MeterRegistry meters) {
        this.store = store;
        this.deadLetters = deadLetters;
        this.events = events;
        this.delivered = Counter.builder("yubin.mda.delivered")
                .description("Message copies stored in a mailbox (replays not counted)")
                .register(meters);
        this.storeTimer = Timer.builder("yubin.mda.store")
                .description("Time to store an inbound record, transaction commit included"
                        + " (the records of one poll share one transaction)")
                .register(meters);
    }

    /** A record that cannot be delivered because of its own content, and why. */
    private record Unreadable(ConsumerRecord<String, byte[]> record, MalformedRecordException reason) {}

    @KafkaListener(id = "mda-delivery", groupId = GROUP, topics = Topics.INBOUND)
    void onMessages(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
        // Malformed records are set apart before the transaction, so that they cannot fail the
        // good records of the same batch.
        List<InboundMessage> messages = new ArrayList<>(records.size());
        List<Unreadable> unreadable = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                Envelope envelope = KafkaRecords.toEnvelope(record.headers());
                if (record.value() == null) {
                    throw new MalformedRecordException("queue id " + envelope.queueId().value()
                            + ": record without message bytes");
                }
                messages.add(new InboundMessage(envelope, record.value(), folder(record, envelope)));
            } catch (MalformedRecordException e) {
                unreadable.add(new Unreadable(record, e));
            }
        }

        // store.deliver returns only after its transaction has committed; when it throws, the
        // error handler retries this whole batch and nothing is acknowledged.
        List<DeliveryOutcome> outcomes = List.of();
        if (!messages.isEmpty()) {
            long start = System.nanoTime();
            outcomes = store.deliver(messages);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // per record, as before batching: each waited that long for its commit
            messages.forEach(message -> storeTimer.record(took));
        }

        // Dead-lettered after the commit, so that a database outage (which retries the batch)
        // does not publish them again on every attempt; and before the offsets are committed,
        // so that a crash in between cannot lose them. Each send waits for the broker; when one
        // fails the batch is retried, which the idempotent store absorbs.
        for (Unreadable bad : unreadable) {
            deadLetters.publish(bad.record(), bad.reason());
        }

        // Only now are the offsets committed: a crash before this line replays the batch, which
        // the idempotent store absorbs. The other order would lose every message of the batch
        // if we crashed after the offset commit and before the database commit.
        ack.acknowledge();

        for (int i = 0; i < messages.size(); i++) {
            report(messages.get(i), outcomes.get(i));
        }
    }

    /**
     * The folder the receiving MTA named ({@code yubin-folder}, e.g. Junk for DMARC quarantine),
     * else the INBOX. A name we would not file into is logged and ignored: the message is still
     * delivered, to the INBOX, rather than dead-lettered.
     */
    private static String folder(ConsumerRecord<String, byte[]> record, Envelope envelope) {
        Optional<String> folder = KafkaRecords.folder(record.headers());
        if (folder.isPresent() && !InboundMessage.isFolderName(folder.get())) {
            log.warn("Queue id {}: unusable folder name '{}' in {}: delivering to the INBOX", envelope.queueId().value(),
                    folder.get(), EnvelopeHeaders.FOLDER);
            return null;
        }
        return folder.orElse(null);
    }

    /** After the commit: one line per message, and the {@code delivered} events (sent, not awaited). */
    private void report(InboundMessage message, DeliveryOutcome outcome) {
        String queueId = message.queueId();
        try (MDC.MDCCloseable ignored = MDC.putCloseable("queueId", queueId)) {
            delivered.increment(outcome.stored().size());
            events.delivered(message.envelope(), outcome.stored());
            if (!outcome.stored().isEmpty() && !outcome.duplicate().isEmpty()) {
                log.info("Queue id {}: stored {} octets for {}; already delivered to {}", queueId,
                        message.content().length, outcome.stored(), outcome.duplicate());
            } else if (!outcome.stored().isEmpty()) {
                log.info("Queue id {}: stored {} octets for {} in {}", queueId, message.content().length, outcome.stored(),
                        message.folder());
            } else if (!outcome.duplicate().isEmpty()) {
                log.info("Queue id {}: already delivered to {}, replay ignored", queueId, outcome.duplicate());
            }
        }
    }
}
