package dev.yubin.devstack.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Kafka and PostgreSQL together, provisioned for the platform: the databases of
 * conventions.md and the topics of CONTRACT §4. {@link #start()} returns once both accept
 * connections; {@link #close()} stops Kafka first (services may still be flushing to it while
 * PostgreSQL is needed by nobody else), then PostgreSQL.
 */
public final class Infrastructure implements AutoCloseable {

    public static final List<String> DATABASES = List.of("yubin_policy", "yubin_mda");

    /** Where the infrastructure keeps its data and logs, and where it listens. */
    public record Settings(Path kafkaDir, Path postgresDir, Path logsDir,
                           int kafkaPort, int kafkaControllerPort, int postgresPort, int topicPartitions) {}

    private final Settings settings;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;

    public Infrastructure(Settings settings) {
        this.settings = settings;
        this.kafka = new KafkaBroker(settings.kafkaDir(), settings.kafkaPort(), settings.kafkaControllerPort());
        this.postgres = new PostgresServer(settings.postgresDir(), settings.postgresPort(),
                settings.logsDir().resolve("postgres.log"));
    }

    public void start() {
        startPostgres();
        startKafka();
    }

    /** Starts PostgreSQL and creates the missing databases. */
    public void startPostgres() {
        postgres.start();
        postgres.createDatabases(DATABASES);
    }

    /** Starts the broker (again) and makes sure every topic exists. */
    public void startKafka() {
        kafka.start();
        new PlatformTopics(kafka.bootstrapServers(), settings.topicPartitions()).ensureCreated(Duration.ofSeconds(60));
    }

    public void stopKafka() {
        kafka.stop();
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    @Override
    public void close() {
        try {
            kafka.stop();
        } finally {
            postgres.stop();
        }
    }
}
