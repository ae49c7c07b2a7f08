package dev.yubin.mta.relay;

import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.mta.policy.SuppressionClient;
import dev.yubin.mta.relay.dsn.DeliveryReport;
import dev.yubin.mta.relay.dsn.DsnRecipient;
import dev.yubin.mta.relay.dsn.DsnSender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Turns the results of one attempt into what must follow, recipient by recipient: delivered
 * ones are done; deferred ones go together into one retry record (or, past the lifetime, are
 * given up); failed ones get a DSN to the sender (never to {@code <>}). The job is done, and
 * its offset may be committed, once every retry record and DSN is stored in Kafka. A recipient
 * refused with a 5.1.x status (a bad address) also goes to the policy service's suppression
 * list, in the background: that call never holds back or changes the outcome.
 */
class Outcomes {

    private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final DsnSender dsn;
    private final RelayEvents events;
    private final SuppressionClient suppressions;
    private final RetrySchedule schedule;
    private final Duration lifetime;
    private final Duration delayWarning;
    private final Durably durably;
    private final Clock clock;
    private final Counter delivered;
    private final Counter deferred;
    private final Counter bounced;

    Outcomes(KafkaTemplate<String, byte[]> kafka, DsnSender dsn, RelayEvents events, SuppressionClient suppressions,
             RetrySchedule schedule, RelayProperties properties, Durably durably, Clock clock, MeterRegistry meters) {
        this.kafka = kafka;
        this.dsn = dsn;
        this.events = events;
        this.suppressions = suppressions;
        this.schedule = schedule;
        this.lifetime = properties.retry().lifetime();
        this.delayWarning = properties.delayWarning();
        this.durably = durably;
        this.clock = clock;
        this.delivered = outcomes(meters, "delivered");
        this.deferred = outcomes(meters, "deferred");
        this.bounced = outcomes(meters, "bounced");
    }

    private static Counter outcomes(MeterRegistry meters, String outcome) {
        return Counter.builder("yubin.relay.recipients")
                .description("Recipient outcomes of outbound delivery attempts")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** After an attempt: one result per recipient of the job. */
    void handle(Job job, List<RecipientResult> results) {
        Instant now = clock.instant();
        Envelope envelope = job.envelope();
        boolean expired = !now.isBefore(envelope.receivedAt().plus(lifetime));
        List<RecipientResult> deferred = new ArrayList<>();
        List<RecipientResult> failed = new ArrayList<>();
        List<Boolean> hard = new ArrayList<>();
        for (RecipientResult result : results) {
            switch (result.status()) {
                case DELIVERED -> {
                    DeliveryLog.sent(job, result, now);
                    events.delivered(job, result);
                }
                case FAILED -> {
                    failed.add(result);
                    hard.add(isAddressFailure(result.reply()));
                }
                case DEFERRED -> {
                    if (expired) {
                        failed.add(new RecipientResult(result.recipient(), RecipientResult.Status.FAILED,
                                new RemoteReply(result.reply().code(), result.reply().text()
                                        + " (gave up after " + lifetime.toHours() + "h of retries)"), result.remoteHost()));
                        hard.add(false);
                    } else {
                        deferred.add(result);
                    }
                }
            }
        }
        delivered.increment(results.size() - failed.size() - deferred.size());
        List<CompletableFuture<Void>> stores = new ArrayList<>();
        if (!failed.isEmpty()) {
            stores.add(bounce(job, failed, hard, now));
        }
        if (!deferred.isEmpty()) {
            stores.addAll(defer(job, deferred, job.attempt(), now));
        }
        complete(job, stores);
    }

    /**
     * Sends the job to its retry topic without an attempt: its destination is suspended after a
     * connection failure or has too many records waiting. Runs on a worker, never the poll thread.
     */
    void requeue(Job job, RemoteReply reason) {
        List<RecipientResult> results = job.envelope().recipients().stream()
                .map(r -> new RecipientResult(r, RecipientResult.Status.DEFERRED, reason, ""))
                .toList();
        Instant now = clock.instant();
        if (!now.isBefore(job.envelope().receivedAt().plus(lifetime))) {
            handle(job, results);
            return;
        }
        complete(job, defer(job, results, job.attempt() - 1, now));
    }

    private CompletableFuture<Void> bounce(Job job, List<RecipientResult> failed, List<Boolean> hard, Instant now) {
        bounced.increment(failed.size());
        String dsnQueueId = null;
        CompletableFuture<Void> stored = CompletableFuture.completedFuture(null);
        if (job.envelope().sender().isNull()) {
            log.info("{}: no DSN for a message from <>", job.queueId());
        } else {
            DeliveryReport report = new DeliveryReport(job.envelope(), job.message(),
                    failed.stream().map(r -> dsnRecipient(r, DsnRecipient.Action.FAILED, now)).toList(), null);
            DsnSender.Prepared prepared = dsn.prepare(report);
            dsnQueueId = prepared.queueId().value();
            stored = durably.run(job.queueId(), "DSN " + dsnQueueId, () -> dsn.publish(prepared)
                    .thenAccept(envelope -> envelope.ifPresent(events::accepted)));
        }
        for (int i = 0; i < failed.size(); i++) {
            RecipientResult result = failed.get(i);
            DeliveryLog.bounced(job, result, now, dsnQueueId);
            events.bounced(job, result, hard.get(i), dsnQueueId);
            if (hard.get(i)) {
                suppressions.suppress(job.queueId(), result.recipient().address().toString(),
                        "bounced by " + hostOrNone(result) + ": " + result.reply());
            }
        }
        return stored;
    }

    private List<CompletableFuture<Void>> defer(Job job, List<RecipientResult> deferred, int attemptsMade, Instant now) {
        this.deferred.increment(deferred.size());
        List<CompletableFuture<Void>> stores = new ArrayList<>();
        Instant next = now.plus(schedule.delayAfter(attemptsMade));
        boolean warnNow = !job.warned() && !job.envelope().sender().isNull()
                && !now.isBefore(job.envelope().receivedAt().plus(delayWarning));
        String dsnQueueId = null;
        if (warnNow) {
            DeliveryReport report = new DeliveryReport(job.envelope(), job.message(),
                    deferred.stream().map(r -> dsnRecipient(r, DsnRecipient.Action.DELAYED, now)).toList(),
                    job.envelope().receivedAt().plus(lifetime));
            DsnSender.Prepared prepared = dsn.prepare(report);
            dsnQueueId = prepared.queueId().value();
            stores.add(durably.run(job.queueId(), "delay DSN " + dsnQueueId, () -> dsn.publish(prepared)
                    .thenAccept(envelope -> envelope.ifPresent(events::accepted))));
        }
        List<Recipient> recipients = deferred.stream().map(RecipientResult::recipient).toList();
        ProducerRecord<String, byte[]> retry = retryRecord(job, recipients, attemptsMade, next, job.warned() || warnNow);
        stores.add(durably.run(job.queueId(), "retry record", () -> kafka.send(retry)));
        for (RecipientResult result : deferred) {
            DeliveryLog.deferred(job, result, now, next, retry.topic());
            events.deferred(job, result, next);
            if (warnNow) {
                events.delayed(job, result, dsnQueueId);
            }
        }
        return stores;
    }

    private ProducerRecord<String, byte[]> retryRecord(Job job, List<Recipient> recipients, int attemptsMade,
                                                       Instant notBefore, boolean warned) {
        ProducerRecord<String, byte[]> record = KafkaRecords.record(schedule.topicAfter(Math.max(1, attemptsMade)),
                job.destination(), job.envelope().withRecipients(recipients), job.message());
        Headers headers = record.headers();
        RelayHeaders.put(headers, attemptsMade, notBefore, warned);
        return record;
    }

    private static void complete(Job job, List<CompletableFuture<Void>> stores) {
        CompletableFuture.allOf(stores.toArray(CompletableFuture[]::new)).whenComplete((ok, failure) -> {
            if (failure == null) {
                job.done();
            }
            // else: only when shutting down; the uncommitted offset replays the record after the restart
        });
    }

    private static DsnRecipient dsnRecipient(RecipientResult result, DsnRecipient.Action action, Instant now) {
        return new DsnRecipient(result.recipient(), action, result.reply().status(), result.remoteHost(),
                result.reply().toString(), now);
    }

    /** A 5.1.x reply names a bad address: the recipient goes on the suppression list. */
    private static boolean isAddressFailure(RemoteReply reply) {
        return reply.status().startsWith("5.1.");
    }

    private static String hostOrNone(RecipientResult result) {
        return result.remoteHost().isEmpty() ? "none" : result.remoteHost();
    }
}
