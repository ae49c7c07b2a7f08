package dev.yubin.mta.inbound;

import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.kafka.Topics;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells {@link Topics#EVENTS} what happened to a message. Fire and forget: the message is already
 * stored, so a lost event must not change what the client is told.
 */
class EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    /** The {@code accepted} event (CONTRACT §4). */
    record AcceptedEvent(String type, String queueId, String sender, List<String> recipients,
                         String clientAddress, String time) {}

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;

    EventPublisher(KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    void accepted(Envelope envelope) {
        String queueId = envelope.queueId().value();
        try {
            AcceptedEvent event = new AcceptedEvent("accepted", queueId, envelope.sender().address(),
                    envelope.recipients().stream().map(Recipient::address).map(Object::toString).toList(),
                    envelope.clientAddress(), envelope.receivedAt().toString());
            kafka.send(Topics.EVENTS, queueId, json.writeValueAsBytes(event)).whenComplete((result, failure) -> {
                if (failure != null) {
                    log.warn("{}: accepted event not published: {}", queueId, failure.toString());
                }
            });
        } catch (RuntimeException e) {
            log.warn("{}: accepted event not published: {}", queueId, e.toString());
        }
    }
}
