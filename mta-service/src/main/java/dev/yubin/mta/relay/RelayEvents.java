package dev.yubin.mta.relay;

import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.kafka.Topics;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes {@link RelayEvent}s. Fire and forget: an event is a report, and a lost report must
 * not hold back or repeat a delivery.
 */
class RelayEvents {

    static final String SERVICE = "mta-relay";
    private static final Logger log = LoggerFactory.getLogger(RelayEvents.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final Clock clock;

    RelayEvents(KafkaTemplate<String, byte[]> kafka, JsonMapper json, Clock clock) {
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
    }

    void queued(Job job) {
        for (Recipient recipient : job.envelope().recipients()) {
            publish(event("queued", job, recipient.address().toString(), null, null, null, null, null));
        }
    }

    void attempt(Job job, String remoteHost) {
        for (Recipient recipient : job.envelope().recipients()) {
            publish(event("attempt", job, recipient.address().toString(), remoteHost, null, null, null, null));
        }
    }

    void delivered(Job job, RecipientResult result) {
        publish(event("delivered", job, address(result), result.remoteHost(), result.reply(), null, null, null));
    }

    void deferred(Job job, RecipientResult result, Instant nextAttempt) {
        publish(event("deferred", job, address(result), result.remoteHost(), result.reply(), nextAttempt, null, null));
    }

    void delayed(Job job, RecipientResult result, String dsnQueueId) {
        publish(event("delayed", job, address(result), result.remoteHost(), result.reply(), null, null, dsnQueueId));
    }

    void bounced(Job job, RecipientResult result, boolean suppress, String dsnQueueId) {
        publish(event("bounced", job, address(result), result.remoteHost(), result.reply(), null, suppress, dsnQueueId));
    }

    /** A DSN we created is a new message: it is accepted like any other. */
    void accepted(Envelope dsn) {
        publish(new RelayEvent("accepted", dsn.queueId().value(), null, null, null, null, null,
                dsn.receivedAt().toString(), dsn.receivedAt().toString(), null, null, null, dsn.sender().address(),
                dsn.recipients().stream().map(r -> r.address().toString()).toList(), SERVICE));
    }

    private RelayEvent event(String type, Job job, String recipient, String remoteHost, RemoteReply reply,
                             Instant nextAttempt, Boolean suppress, String dsnQueueId) {
        return new RelayEvent(type, job.queueId(), recipient, job.destination(), blankToNull(remoteHost),
                reply == null ? null : reply.toString(), job.attempt(), clock.instant().toString(),
                job.envelope().receivedAt().toString(), nextAttempt == null ? null : nextAttempt.toString(),
                suppress, dsnQueueId, null, null, SERVICE);
    }

    private void publish(RelayEvent event) {
        try {
            kafka.send(Topics.EVENTS, event.queueId(), json.writeValueAsBytes(event)).whenComplete((r, failure) -> {
                if (failure != null) {
                    log.warn("{}: {} event not published: {}", event.queueId(), event.type(), failure.toString());
                }
            });
        } catch (RuntimeException e) {
            log.warn("{}: {} event not published: {}", event.queueId(), event.type(), e.toString());
        }
    }

    private static String address(RecipientResult result) {
        return result.recipient().address().toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
