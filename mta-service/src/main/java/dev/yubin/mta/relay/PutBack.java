package dev.yubin.mta.relay;

import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.Topics;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The relay is stopping: a job that waited in a destination queue and was never tried goes back
 * on {@code yubin.mail.outbound}, where the next relay of the group takes it at once. Its
 * offset is committed only once Kafka has the copy, so the records done after it in the same
 * partition are not replayed (no duplicate delivery to their remotes), and nothing is lost when
 * the copy cannot be stored: the offset then stays uncommitted and the original is replayed.
 */
final class PutBack {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Durably durably;
    private final Executor workers;
    private final Clock clock;

    PutBack(KafkaTemplate<String, byte[]> kafka, Durably durably, Executor workers, Clock clock) {
        this.kafka = kafka;
        this.durably = durably;
        this.workers = workers;
        this.clock = clock;
    }

    /** Stores the copy on a worker (a send may block while the broker is unknown), then completes the job. */
    void putBack(Job job) {
        workers.execute(() -> {
            ProducerRecord<String, byte[]> record = KafkaRecords.record(Topics.OUTBOUND, job.destination(),
                    job.envelope(), job.message());
            if (job.attempt() > 1 || job.warned()) {
                // a retry keeps its attempt count and its "delayed" DSN; it is due now
                RelayHeaders.put(record.headers(), job.attempt() - 1, clock.instant(), job.warned());
            }
            DeliveryLog.requeued(job, Topics.OUTBOUND);
            durably.run(job.queueId(), "put-back record", () -> kafka.send(record)).thenRun(job::done);
        });
    }
}
