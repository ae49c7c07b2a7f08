package dev.yubin.mda.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.kafka.Topics;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MDA's {@code delivered} event on {@code yubin.mail.events}, one per mailbox that got a new
 * copy: the last step of a message's trace. Fire and forget: the message is stored already.
 */
@Component
public class DeliveryEvents {

    /** Same shape as the relay's events; {@code mailbox} says where the copy is. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeliveredEvent(String type, String queueId, String recipient, String mailbox, String time, String service) {}

    private static final Logger log = LoggerFactory.getLogger(DeliveryEvents.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock = Clock.systemUTC();

    DeliveryEvents(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    public void delivered(Envelope envelope, List<String> mailboxes) {
        String queueId = envelope.queueId().value();
        String now = clock.instant().toString();
        for (String mailbox : mailboxes) {
            try {
                byte[] event = json.writeValueAsBytes(new DeliveredEvent("delivered", queueId, mailbox, mailbox, now, "mda"));
                kafka.send(Topics.EVENTS, queueId, event).whenComplete((result, failure) -> {
                    if (failure != null) {
                        log.warn("Queue id {}: delivered event not published: {}", queueId, failure.toString());
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Queue id {}: delivered event not published: {}", queueId, e.toString());
            }
        }
    }
}
