package dev.yubin.mda.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The consumer side of {@link DeliveryListener}: batches (one poll, one transaction), manual
 * offset commits, and an error handler that retries a whole batch while the database fails.
 * Malformed records never reach it: the listener dead-letters them itself, so that the good
 * records of the same batch are still stored.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryKafkaConfig {

    private static final Logger log = LoggerFactory.getLogger(DeliveryKafkaConfig.class);

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory,
            DefaultErrorHandler deliveryErrorHandler) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        // Set here, not only in application.yml: the commit-after-store guarantee must not
        // depend on a property someone could override. The listener acknowledges a batch only
        // after the transaction that stored it has committed.
        factory.getContainerProperties().setAckMode(AckMode.MANUAL_IMMEDIATE);
        factory.setBatchListener(true);
        factory.setCommonErrorHandler(deliveryErrorHandler);
        return factory;
    }

    @Bean
    DefaultErrorHandler deliveryErrorHandler(DeadLetters deadLetters, DeliveryProperties properties,
            MeterRegistry meters) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryFirst().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMax().toMillis());
        // A listener exception (the database is down) retries the same batch, in memory, with
        // the consumer paused: no attempt limit and no max elapsed time, so it waits for the
        // database, and nothing of the batch is acknowledged meanwhile. Giving up would commit
        // the offsets past messages nobody stored. Only an exception the container classifies
        // as not retryable (a bug, such as a ClassCastException) goes to the recoverer, which
        // dead-letters each record of the batch before its offset is committed: kept, not lost.
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters::publish, backOff);
        handler.setRetryListeners(new LoggingRetryListener(Counter.builder("yubin.mda.store.failures")
                .description("Failed attempts to store an inbound record (each is retried)")
                .register(meters)));
        return handler;
    }

    /**
     * One line per failed attempt with the queue ids of the batch, the stack trace only on the
     * first; counts a failed attempt per record.
     */
    private static final class LoggingRetryListener implements RetryListener {

        private final Counter failures;

        LoggingRetryListener(Counter failures) {
            this.failures = failures;
        }

        @Override
        public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
            List<String> queueIds = new ArrayList<>(records.count());
            records.forEach(record -> queueIds.add(DeadLetters.queueIdOf(record)));
            warn(queueIds, records.count() + " inbound records", deliveryAttempt, ex);
        }

        /** Not used by a batch listener unless it names a failed record; kept for completeness. */
        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
            warn(List.of(DeadLetters.queueIdOf(record)),
                    "record " + record.topic() + "-" + record.partition() + "@" + record.offset(), deliveryAttempt, ex);
        }

        private void warn(List<String> queueIds, String what, int deliveryAttempt, Exception ex) {
            failures.increment(queueIds.size());
            String ids = String.join(",", queueIds);
            try (MDC.MDCCloseable ignored = MDC.putCloseable("queueId", ids)) {
                String text = "Queue ids {}: storing {} failed (attempt {}), will retry: {}";
                Object[] args = {ids, what, deliveryAttempt, DeadLetters.rootMessage(ex)};
                if (deliveryAttempt == 1) {
                    log.warn(text, append(args, ex));
                } else {
                    log.warn(text, args);
                }
            }
        }

        private static Object[] append(Object[] args, Object last) {
            Object[] all = Arrays.copyOf(args, args.length + 1);
            all[args.length] = last;
            return all;
        }
    }
}
