package dev.yubin.smtp.server;

import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.kafka.Topics;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells {@link Topics#EVENTS} that a message was accepted, keyed by its queue id (CONTRACT §4):
 * {@code {"type":"accepted","queueId","sender","recipients":[...],"clientAddress","time"}}.
 * Fire and forget: the message is already stored, so a lost event must not change what the
 * client is told. Thread-safe.
 */
public class AcceptedEvents {

    private static final Logger log = LoggerFactory.getLogger(AcceptedEvents.class);

    /** The {@code accepted} event. */
    record AcceptedEvent(String type, String queueId, String sender, List<String> recipients,
                         String clientAddress, String time) {}

    private final Producer<String, byte[]> producer;
    private final JsonMapper json;

    public AcceptedEvents(Producer<String, byte[]> producer, JsonMapper json) {
        this.producer = producer;
        this.json = json;
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
