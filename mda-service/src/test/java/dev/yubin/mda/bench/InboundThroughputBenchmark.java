package dev.yubin.mda.bench;

import static org.awaitility.Awaitility.await;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.Topics;
import dev.yubin.mda.TestMessages;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A throughput measurement, not a test: it asserts nothing about time, and its name matches
 * neither Surefire's nor Failsafe's patterns, so {@code mvn verify} does not run it. Run it on
 * demand:
 *
 * <pre>
 * mvn -o -q -pl mda-service verify -Dit.test=InboundThroughputBenchmark -Dyubin.build.dir=target-perf
 * grep -h 'bench:' mda-service/target-perf/failsafe-reports/*InboundThroughputBenchmark-output.txt
 * </pre>
 *
 * <p>What it does: the MDA runs against an embedded broker (6 partitions, as the devstack) and
 * its own PostgreSQL with {@code synchronous_commit=on} (as the devstack; the shared test
 * database turns it off, which would hide the cost of each commit). Once the consumers own their
 * partitions it produces {@code yubin.bench.messages} (2000) inbound records of
 * {@code yubin.bench.size} (10 KiB) octets, each with the {@code accepted} event the MTA sends
 * with it, and reports how long it took until every message was in a mailbox and until the
 * trace held both events (accepted, delivered) of each, plus the CPU time PostgreSQL spent.
 * Twice: live (the MDA consumes while the records arrive) and from a backlog (the listeners
 * paused while the records are produced, then resumed: how fast the MDA drains a queue).
 */
@SpringBootTest(properties = {
        "logging.level.org.apache.kafka=WARN",
        "logging.level.kafka=WARN",
        "yubin.security.admin-token=bench-admin-token",
        "yubin.policy.url=http://127.0.0.1:1"})
@EmbeddedKafka(partitions = 6, topics = {Topics.INBOUND, Topics.INBOUND_DLT, Topics.EVENTS},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class InboundThroughputBenchmark {

    private static final int MESSAGES = Integer.getInteger("yubin.bench.messages", 2000);
    private static final int SIZE = Integer.getInteger("yubin.bench.size", 10240);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** Its own server: the benchmark needs commits that wait for the WAL, as in the devstack. */
    private static final EmbeddedPostgres POSTGRES = startPostgres();

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        POSTGRES.close();
    }

    @Test
    void inboundMessagesPerSecond() throws Exception {
        for (MessageListenerContainer container : listeners.getListenerContainers()) {
            ContainerTestUtils.waitForAssignment(container, broker.getPartitionsPerTopic());
        }
        report("messages=%d size=%d partitions=%d", MESSAGES, SIZE, broker.getPartitionsPerTopic());
        // live: the MDA consumes while the records arrive, as behind a busy MTA
        measure("live", false);
        // backlog: the records wait in Kafka (the MDA was down), then it drains them
        measure("backlog", true);
    }

    private void measure(String label, boolean backlog) throws Exception {
        MailAddress mailbox = TestMessages.newMailbox("bench");
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(2 * MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            Envelope envelope = TestMessages.envelope("<sender@remote.example>", mailbox);
            String queueId = envelope.queueId().value();
            records.add(KafkaRecords.inbound(envelope, message(queueId)));
            records.add(new ProducerRecord<>(Topics.EVENTS, queueId, """
                    {"type":"accepted","queueId":"%s","sender":"sender@remote.example","recipients":["%s"],\
                    "clientAddress":"127.0.0.1","time":"%s"}""".formatted(queueId, mailbox, envelope.receivedAt())
                    .getBytes(StandardCharsets.UTF_8)));
        }

        try (Connection db = DriverManager.getConnection(POSTGRES.getJdbcUrl("postgres", "postgres"), "postgres", "");
                KafkaProducer<String, byte[]> producer = producer()) {
            long tracedBefore = count(db, "select count(*) from trace_event", null);
            if (backlog) {
                listeners.getListenerContainers().forEach(MessageListenerContainer::pause);
                await().atMost(TIMEOUT).until(() -> listeners.getListenerContainers().stream()
                        .allMatch(MessageListenerContainer::isContainerPaused));
                send(producer, records);
            }
            ProcessHandle postmaster = postmaster(db);
            Duration postgresCpuBefore = cpu(postmaster);
            long jvmCpuBefore = jvmCpuNanos();
            long start = System.nanoTime();
            if (backlog) {
                listeners.getListenerContainers().forEach(MessageListenerContainer::resume);
            } else {
                send(producer, records);
            }
            long produced = System.nanoTime();
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> count(db, "select count(*) from mailbox_entry where mailbox = ?", mailbox.key())
                            >= MESSAGES);
            long stored = System.nanoTime();
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> count(db, "select count(*) from trace_event", null) >= tracedBefore + 2L * MESSAGES);
            long traced = System.nanoTime();

            Duration postgresCpu = cpu(postmaster).minus(postgresCpuBefore);
            long jvmCpu = jvmCpuNanos() - jvmCpuBefore;
            if (!backlog) {
                report("%s: produced in %.2f s", label, seconds(produced - start));
            }
            report("%s: stored in %.2f s = %.0f msg/s (%s to last mailbox entry)", label, seconds(stored - start),
                    MESSAGES / seconds(stored - start), backlog ? "resume" : "first send");
            report("%s: traced in %.2f s = %.0f msg/s (accepted and delivered event of each)", label,
                    seconds(traced - start), MESSAGES / seconds(traced - start));
            report("%s: cpu PostgreSQL %.2f s, JVM (MDA + broker%s) %.2f s", label, postgresCpu.toNanos() / 1e9,
                    backlog ? "" : " + producer", jvmCpu / 1e9);
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records)
            throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            sent.add(producer.send(record));
        }
        for (Future<RecordMetadata> future : sent) {
            future.get(1, TimeUnit.MINUTES);
        }
    }

    private static void report(String format, Object... args) {
        System.out.println("bench: " + format.formatted(args));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Headers like a real message, then a body up to SIZE octets, CRLF lines. */
    private static byte[] message(String queueId) {
        StringBuilder text = new StringBuilder()
                .append("Received: from client.example.org by mx.example.test with ESMTP id ").append(queueId)
                .append("\r\nFrom: sender@remote.example\r\nTo: bench@example.test\r\nSubject: bench ")
                .append(queueId).append("\r\nDate: Tue, 3 Mar 2026 10:15:00 +0100\r\nMessage-ID: <")
                .append(queueId).append("@remote.example>\r\n\r\n");
        char[] line = new char[78];
        Arrays.fill(line, 'x');
        while (text.length() + line.length + 2 <= SIZE) {
            text.append(line).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }

    private static long count(Connection db, String query, String parameter) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(query)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** The server process: the parent of this connection's backend. */
    private static ProcessHandle postmaster(Connection db) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet pid = statement.executeQuery("select pg_backend_pid()")) {
            pid.next();
            return ProcessHandle.of(pid.getLong(1)).flatMap(ProcessHandle::parent).orElseThrow();
        }
    }

    /** CPU time of the server and its live backends (the pool keeps the MDA's open throughout). */
    private static Duration cpu(ProcessHandle postmaster) {
        Duration total = postmaster.info().totalCpuDuration().orElse(Duration.ZERO);
        for (ProcessHandle child : postmaster.descendants().toList()) {
            total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }
}
