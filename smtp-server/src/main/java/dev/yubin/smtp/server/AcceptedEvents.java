package dev.yubin.smtp.server;

import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells {@link Topics#EVENTS} that a message was accepted, keyed by its queue id (CONTRACT §4):
 * {@code {"type":"accepted","queueId","sender","recipients":[...],"clientAddress","time"}}.
 * Fire and forget: the message is already stored, so a lost event must not change what the
 * client is told. Thread-safe.
 *
 * <p>{@link #batching} gives the events a producer of their own that waits a little
 * ({@link #LINGER}) to fill a batch: no client waits for an event, and batches of events cost the broker and the
 * trace's consumer one request where each event alone cost one (the message's producer sends at
 * once, since its client waits for the 250).
 */
public class AcceptedEvents implements AutoCloseable {

    /** How long an event may wait for others to share its request to the broker: the services' choice. */
    public static final Duration LINGER = Duration.ofMillis(20);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(AcceptedEvents.class);

    /** The {@code accepted} event. */
    record AcceptedEvent(String type, String queueId, String sender, List<String> recipients,
                         String clientAddress, String time) {}

    private final Producer<String, byte[]> producer;
    private final JsonMapper json;
    private final boolean ownsProducer;

    /** Sends through {@code producer}, which stays the caller's to close. */
    public AcceptedEvents(Producer<String, byte[]> producer, JsonMapper json) {
        this(producer, json, false);
    }

    private AcceptedEvents(Producer<String, byte[]> producer, JsonMapper json, boolean ownsProducer) {
        this.producer = producer;
        this.json = json;
        this.ownsProducer = ownsProducer;
    }

    /**
     * Events sent by a producer of their own, made from {@code producerSettings} (those of the
     * message's producer: brokers, acks, serializers of String keys and byte[] values) with
     * {@code linger} ({@link #LINGER}); {@link #close} sends what still waits and closes it.
     */
    public static AcceptedEvents batching(Map<String, Object> producerSettings, Duration linger, JsonMapper json) {
        Map<String, Object> settings = new HashMap<>(producerSettings);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        settings.remove(ProducerConfig.CLIENT_ID_CONFIG);   // two producers must not share one id
        return new AcceptedEvents(new KafkaProducer<>(settings), json, true);
    }

    /** Sends what still lingers; closes the producer when it is this object's own. */
    @Override
    public void close() {
        if (ownsProducer) {
            producer.close(CLOSE_WAIT);
        }
    }

    /** @param envelope the envelope of the whole message, every recipient in it */
    public void accepted(Envelope envelope) {
        String queueId = envelope.queueId().value();
        try {
            AcceptedEvent event = new AcceptedEvent("accepted", queueId, envelope.sender().address(),
                    envelope.recipients().stream().map(Recipient::address).map(Object::toString).toList(),
                    envelope.clientAddress(), envelope.receivedAt().toString());
            producer.send(new ProducerRecord<>(Topics.EVENTS, queueId, json.writeValueAsBytes(event)), (metadata, failure) -> {
                if (failure != null) {
                    log.warn("{}: accepted event not published: {}", queueId, failure.toString());
                }
            });
        } catch (RuntimeException e) {
            log.warn("{}: accepted event not published: {}", queueId, e.toString());
        }
    }
}
