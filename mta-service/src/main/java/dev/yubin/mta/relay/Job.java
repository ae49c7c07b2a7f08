package dev.yubin.mta.relay;

import dev.yubin.core.envelope.Envelope;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;

/**
 * One outbound record taken from Kafka: a message for the recipients of one destination
 * domain. It is done when every recipient is delivered, bounced (DSN stored in Kafka) or
 * re-queued (retry record stored in Kafka); only then may its offset be committed.
 *
 * @param attempt this attempt's number, 1 for a first delivery
 * @param warned  the sender already had the "delayed" DSN
 */
record Job(TopicPartition partition, long offset, String destination, Envelope envelope, byte[] message,
           int attempt, boolean warned, Completion completion) {

    String queueId() {
        return envelope.queueId().value();
    }

    void done() {
        completion.done(this);
    }

    /** Called once when a job is done; a second call is ignored. */
    static final class Completion {

        private final AtomicBoolean called = new AtomicBoolean();
        private final java.util.function.Consumer<Job> callback;

        Completion(java.util.function.Consumer<Job> callback) {
            this.callback = callback;
        }

        void done(Job job) {
            if (called.compareAndSet(false, true)) {
                callback.accept(job);
            }
        }
    }
}
