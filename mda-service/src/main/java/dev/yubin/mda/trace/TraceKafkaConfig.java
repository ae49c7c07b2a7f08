package dev.yubin.mda.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * The consumer side of {@link TraceListener}, apart from the inbound one: events are reports,
 * not mail, so they have no dead-letter topic, and their failures do not count as failures to
 * store mail. Batches, manual commits after the transaction, and a database outage retried.
 */
@Configuration(proxyBeanMethods = false)
class TraceKafkaConfig {

    static final String CONTAINER_FACTORY = "traceListenerContainerFactory";

    private static final Logger log = LoggerFactory.getLogger(TraceKafkaConfig.class);
    private static final Duration RETRY_FIRST = Duration.ofSeconds(1);
    private static final Duration RETRY_MAX = Duration.ofSeconds(30);

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> traceListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        // The offsets of a batch are committed by the listener, after the transaction.
        factory.getContainerProperties().setAckMode(AckMode.MANUAL_IMMEDIATE);
        factory.setBatchListener(true);
        ExponentialBackOff backOff = new ExponentialBackOff(RETRY_FIRST.toMillis(), 2.0);
        backOff.setMaxInterval(RETRY_MAX.toMillis());
        // No attempt limit: while the database is down the batch waits (in memory, the consumer
        // paused) rather than be skipped; an event lost would leave a hole in a message's trace.
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
                List<Object> queueIds = new ArrayList<>(records.count());
                records.forEach(record -> queueIds.add(record.key()));
                log.warn("Queue ids {}: storing {} trace events failed (attempt {}), will retry: {}", queueIds,
                        records.count(), deliveryAttempt, ex.toString());
            }

            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
                log.warn("Queue id {}: storing trace event {}-{}@{} failed (attempt {}), will retry: {}", record.key(),
                        record.topic(), record.partition(), record.offset(), deliveryAttempt, ex.toString());
            }
        });
        factory.setCommonErrorHandler(handler);
        return factory;
    }
}
