package dev.yubin.mta.relay;

import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.kafka.Topics;
import dev.yubin.mta.config.Hostname;
import dev.yubin.mta.config.PolicyProperties;
import dev.yubin.mta.config.SecurityProperties;
import dev.yubin.mta.dns.MxResolver;
import dev.yubin.mta.policy.PolicyService;
import dev.yubin.mta.policy.SuppressionClient;
import dev.yubin.mta.relay.dsn.DsnBuilder;
import dev.yubin.mta.relay.dsn.DsnSender;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay role of mta-service, on unless {@code yubin.mta.relay.enabled=false}, so that
 * receiving and relaying can be scaled apart.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "yubin.mta.relay.enabled", havingValue = "true", matchIfMissing = true)
class RelayConfig {

    static final String GROUP = "mta-relay";

    @Bean
    RetrySchedule retrySchedule(RelayProperties relay) {
        return new RetrySchedule(relay.retry().first(), relay.retry().max());
    }

    /** The retry topics follow from the schedule's settings, so the relay declares them itself. */
    @Bean
    KafkaAdmin.NewTopics relayRetryTopics(RetrySchedule schedule, RelayProperties relay) {
        return new KafkaAdmin.NewTopics(schedule.topics().stream()
                .map(topic -> TopicBuilder.name(topic).partitions(relay.retry().partitions())
                        .config("max.message.bytes", "33554432").build())
                .toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService relayWorkers() {
        return Executors.newCachedThreadPool(daemonThreads("relay-worker-"));
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService relayScheduler() {
        return Executors.newSingleThreadScheduledExecutor(daemonThreads("relay-scheduler-"));
    }

    @Bean
    RelayEvents relayEvents(KafkaTemplate<String, byte[]> kafka, JsonMapper json, Clock clock) {
        return new RelayEvents(kafka, json, clock);
    }

    @Bean
    DsnSender dsnSender(RelayProperties relay, Hostname hostname, QueueIdGenerator queueIds, PolicyService policy,
                        KafkaTemplate<String, byte[]> kafka, Clock clock) {
        String helo = heloName(relay, hostname);
        return new DsnSender(new DsnBuilder(helo, clock.getZone()), queueIds, policy, kafka, clock, helo);
    }

    @Bean
    SuppressionClient suppressionClient(PolicyProperties policy, SecurityProperties security, JsonMapper json,
                                        MeterRegistry meters) {
        return new SuppressionClient(policy, security, json, meters);
    }

    @Bean
    Outcomes relayOutcomes(KafkaTemplate<String, byte[]> kafka, DsnSender dsn, RelayEvents events,
                           SuppressionClient suppressions, RetrySchedule schedule, RelayProperties relay,
                           ScheduledExecutorService relayScheduler, ExecutorService relayWorkers, Clock clock,
                           MeterRegistry meters) {
        return new Outcomes(kafka, dsn, events, suppressions, schedule, relay,
                new Durably(relayScheduler, relayWorkers), clock, meters);
    }

    @Bean
    Destinations destinations(RelayProperties relay, MxResolver resolver, Outcomes outcomes, RelayEvents events,
                              Hostname hostname, ExecutorService relayWorkers, Clock clock, SslBundles sslBundles,
                              KafkaTemplate<String, byte[]> kafka, ScheduledExecutorService relayScheduler) {
        SmtpSession.Settings settings = new SmtpSession.Settings(heloName(relay, hostname), relay.connectTimeout(),
                relay.greetingTimeout(), relay.commandTimeout(), relay.dataTimeout(), TlsPolicy.of(relay, sslBundles));
        return new Destinations(relay, new Router(resolver, relay), outcomes, events, settings, relayWorkers, clock,
                new PutBack(kafka, new Durably(relayScheduler, relayWorkers), relayWorkers, clock));
    }

    @Bean
    RelayConsumer relayConsumer(KafkaProperties kafka, Destinations destinations, RelayEvents events,
                                RetrySchedule schedule, RelayProperties relay, Clock clock, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // a new group must not skip mail
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 33554432);
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        List<String> topics = new ArrayList<>();
        topics.add(Topics.OUTBOUND);
        topics.addAll(schedule.topics());
        RelayConsumer consumer = new RelayConsumer(
                () -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                topics, destinations, events, schedule, relay, clock);
        Gauge.builder("yubin.relay.in.flight", consumer, RelayConsumer::inFlight)
                .description("Outbound records taken from Kafka and not yet done").register(meters);
        Gauge.builder("yubin.relay.queued", destinations, Destinations::queued)
                .description("Records waiting in destination queues for a session").register(meters);
        Gauge.builder("yubin.relay.destinations", destinations, Destinations::destinationCount)
                .description("Destinations with queued records or open sessions").register(meters);
        return consumer;
    }

    static String heloName(RelayProperties relay, Hostname hostname) {
        return relay.heloName() == null || relay.heloName().isBlank() ? hostname.value() : relay.heloName().strip();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
