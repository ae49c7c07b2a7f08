package dev.yubin.mta.inbound;

import dev.yubin.core.envelope.QueueId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Stores the records of one message in Kafka and waits until every one is acknowledged
 * ({@code acks=all}, idempotent producer): only then may the client hear 250 (CONTRACT §5).
 */
class MailPublisher {

    private static final Logger log = LoggerFactory.getLogger(MailPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration timeout;

    MailPublisher(KafkaTemplate<String, byte[]> kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    /** @return true when every record is acknowledged within the timeout */
    boolean publish(QueueId queueId, List<ProducerRecord<String, byte[]>> records) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<SendResult<String, byte[]>>> sent = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<String, byte[]> record : records) {
                // send() blocks at most max.block.ms when the broker is away; stop at the first failure
                sent.add(kafka.send(record));
            }
            for (CompletableFuture<SendResult<String, byte[]>> future : sent) {
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
