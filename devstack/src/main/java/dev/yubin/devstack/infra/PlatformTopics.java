package dev.yubin.devstack.infra;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import dev.yubin.core.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics of CONTRACT §4 when they are missing; existing topics are left as they are. */
public final class PlatformTopics {

    /**
     * The relay's retry topics under its default schedule ({@code yubin.relay.retry.first} 5m,
     * doubling up to {@code .max} 1h: mta-service's {@code RetrySchedule}), one per distinct delay.
     * A relay configured otherwise declares its own topics; these are the ones it uses out of the box.
     */
    private static final List<String> RETRY_TOPICS = Stream.of("5m", "10m", "20m", "40m", "1h")
            .map(delay -> Topics.OUTBOUND_RETRY_PREFIX + delay)
            .toList();

    /** Names of every platform topic, in creation order. */
    public static final List<String> NAMES = Stream.concat(
            Stream.of(Topics.INBOUND, Topics.OUTBOUND, Topics.EVENTS, Topics.INBOUND_DLT),
            RETRY_TOPICS.stream()).toList();

    private final String bootstrapServers;
    private final int partitions;

    public PlatformTopics(String bootstrapServers, int partitions) {
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
    }

    /**
     * Creates the missing topics. A freshly started broker may still be fenced for a moment
     * (no broker to place replicas on), so creation is retried until {@code timeout}.
     */
    public void ensureCreated(Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    createMissing(admin);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("cannot create the Kafka topics on " + bootstrapServers
                                + ": " + e.getMessage(), e);
                    }
                    pause();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    private void createMissing(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        Map<String, String> configs = Map.of("max.message.bytes", String.valueOf(KafkaBroker.MAX_MESSAGE_BYTES));
        List<NewTopic> missing = NAMES.stream()
                .filter(name -> !existing.contains(name))
                .map(name -> new NewTopic(name, partitions, (short) 1).configs(configs))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // another launcher or a previous half-finished attempt created it: fine
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static void pause() throws InterruptedException {
        // bounded retry loop inside the launcher, not a test: a short pause between attempts
        TimeUnit.MILLISECONDS.sleep(500);
    }
}
