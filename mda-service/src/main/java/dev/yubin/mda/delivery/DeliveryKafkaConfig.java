package dev.yubin.mda.delivery;

import dev.yubin.core.envelope.QueueId;
import dev.yubin.core.kafka.MalformedRecordException;
import dev.yubin.core.kafka.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The consumer side of {@link DeliveryListener}: manual offset commits and an error handler
 * that tells a bad record (dead-lettered at once) from a failing database (retried forever).
 */
@Configuration(proxyBeanMethods = false)
class DeliveryKafkaConfig {

    static final String DEAD_LETTER_TOPIC = Topics.INBOUND_DLT;

    private static final Logger log = LoggerFactory.getLogger(DeliveryKafkaConfig.class);

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory,
            DefaultErrorHandler deliveryErrorHandler) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        // Set here, not only in application.yml: the commit-after-store guarantee must not
        // depend on a property someone could override.
        factory.getContainerProperties().setAckMode(AckMode.MANUAL_IMMEDIATE);
        factory.setCommonErrorHandler(deliveryErrorHandler);
        return factory;
    }

    @Bean
    DefaultErrorHandler deliveryErrorHandler(KafkaOperations<?, ?> kafka, DeliveryProperties properties,
            MeterRegistry meters) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                // partition -1: let the producer choose, the DLT may have fewer partitions
                (record, exception) -> new TopicPartition(DEAD_LETTER_TOPIC, -1));
        Counter deadLettered = Counter.builder("yubin.mda.dead.lettered")
                .description("Inbound records moved to " + DEAD_LETTER_TOPIC + " because their envelope was unreadable")
                .register(meters);
        ConsumerRecordRecoverer recoverer = (record, exception) -> {
            try (MDC.MDCCloseable ignored = MDC.putCloseable("queueId", queueIdOf(record))) {
                log.error("Queue id {}: unreadable inbound record {}-{}@{} moved to {}: {}", queueIdOf(record),
                        record.topic(), record.partition(), record.offset(), DEAD_LETTER_TOPIC, rootMessage(exception));
                deadLetters.accept(record, exception);
                deadLettered.increment();
            }
        };
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryFirst().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMax().toMillis());
        // No max elapsed time and no attempt limit: when the database is down the record
        // waits for it. Giving up would commit the offset past a message nobody stored.
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedRecordException.class);
        handler.setRetryListeners(new LoggingRetryListener(Counter.builder("yubin.mda.store.failures")
                .description("Failed attempts to store an inbound record (each is retried)")
                .register(meters)));
        return handler;
    }

    /** The record key is the queue id (CONTRACT §4), the only id a malformed record still has. */
    static String queueIdOf(ConsumerRecord<?, ?> record) {
        Object key = record.key();
        return key instanceof String id && QueueId.isValid(id) ? id : "unknown";
    }

    private static String rootMessage(Exception exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    /** One line per failed attempt, with the queue id; the stack trace only on the first. Counts them. */
    private static final class LoggingRetryListener implements RetryListener {

        private final Counter failures;

        LoggingRetryListener(Counter failures) {
            this.failures = failures;
        }

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
            if (rootCauseIs(ex, MalformedRecordException.class)) {
                return; // the recoverer logs it
            }
            failures.increment();
            try (MDC.MDCCloseable ignored = MDC.putCloseable("queueId", queueIdOf(record))) {
                String text = "Queue id {}: storing record {}-{}@{} failed (attempt {}), will retry: {}";
                Object[] args = {queueIdOf(record), record.topic(), record.partition(), record.offset(),
                        deliveryAttempt, rootMessage(ex)};
                if (deliveryAttempt == 1) {
                    log.warn(text, append(args, ex));
                } else {
                    log.warn(text, args);
                }
            }
        }

        private static boolean rootCauseIs(Throwable ex, Class<? extends Throwable> type) {
            for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        }

        private static Object[] append(Object[] args, Object last) {
            Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
            all[args.length] = last;
            return all;
        }
    }
}
