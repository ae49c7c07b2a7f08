package dev.yubin.smtp.server;

import dev.yubin.core.envelope.QueueId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the records of one message in Kafka and waits until every one is acknowledged: only
 * then may the client hear 250 (CONTRACT §5). The producer must be configured with
 * {@code acks=all} and {@code enable.idempotence=true}, and with bounded waits
 * ({@code max.block.ms}, {@code delivery.timeout.ms}) so that a dead broker becomes 451 in seconds.
 * Thread-safe, as Kafka's producer is.
 */
public class MailPublisher {

    private static final Logger log = LoggerFactory.getLogger(MailPublisher.class);

    private final Producer<String, byte[]> producer;
    private final Duration timeout;

    /** @param timeout how long one message may wait for its acknowledgements in all */
    public MailPublisher(Producer<String, byte[]> producer, Duration timeout) {
        this.producer = producer;
        this.timeout = timeout;
    }

    /** @return true when every record is acknowledged within the timeout */
    public boolean publish(QueueId queueId, List<ProducerRecord<String, byte[]>> records) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<String, byte[]> record : records) {
                // send() blocks at most max.block.ms when the broker is away; stop at the first failure
                sent.add(producer.send(record));
            }
            for (Future<RecordMetadata> future : sent) {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (ExecutionException e) {
            log.warn("{}: Kafka did not acknowledge the message: {}", queueId, e.getCause().toString());
        } catch (TimeoutException e) {
            log.warn("{}: no Kafka acknowledgement within {}", queueId, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("{}: interrupted while waiting for Kafka", queueId);
        } catch (RuntimeException e) {
            log.warn("{}: cannot send the message to Kafka: {}", queueId, e.toString());
        }
        return false;
    }
}
