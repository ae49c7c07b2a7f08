package dev.yubin.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The background writer of the decision log, against a recording JdbcTemplate. */
class DecisionWriterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RecordingJdbc jdbc = new RecordingJdbc();
    private DecisionWriter writer;

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.stop();
        }
        jdbc.release();
    }

    @Test
    void queuedDecisionsAreWrittenInBatchesOfAtMostTheBatchSize() {
        writer = writer(100, 2, Duration.ofSeconds(10));
        for (int i = 0; i < 5; i++) {
            writer.enqueue(decision("r" + i + "@example.test"));
        }
        writer.start();
        writer.stop();

        assertThat(jdbc.batches).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(jdbc.batches.stream().flatMap(List::stream).map(row -> row[8]))
                .containsExactly("r0@example.test", "r1@example.test", "r2@example.test", "r3@example.test",
                        "r4@example.test");
        assertThat(jdbc.checkRows).hasSize(5);
    }

    @Test
    void enqueueDoesNotWaitForTheDatabase() {
        writer = writer(100, 500, Duration.ZERO);
        jdbc.block();
        writer.start();
        writer.enqueue(decision("first@example.test"));
        // The first batch hangs in the database; later decisions still queue at once.
        for (int i = 0; i < 50; i++) {
            writer.enqueue(decision("more@example.test"));
        }
        assertThat(dropped("queue-full")).isZero();
        jdbc.release();
        writer.awaitWritten();
        assertThat(jdbc.batches.stream().mapToInt(List::size).sum()).isEqualTo(51);
    }

    @Test
    void aFullQueueDropsTheNewestAndCountsIt() {
        writer = writer(2, 500, Duration.ZERO);
        writer.enqueue(decision("a@example.test"));
        writer.enqueue(decision("b@example.test"));
        writer.enqueue(decision("c@example.test"));

        assertThat(dropped("queue-full")).isEqualTo(1.0);
        writer.start();
        writer.stop();
        assertThat(jdbc.batches.stream().flatMap(List::stream).map(row -> row[8]))
                .containsExactly("a@example.test", "b@example.test");
    }

    @Test
    void aReaderWaitsForWhatWasQueuedBeforeIt() {
        writer = writer(100, 500, Duration.ofMillis(200));
        writer.start();
        writer.enqueue(decision("a@example.test"));
        writer.awaitWritten();
        assertThat(jdbc.batches).hasSize(1);
    }

    @Test
    void aBatchTheDatabaseRefusesIsCountedAndTheWriterGoesOn() {
        writer = writer(100, 500, Duration.ZERO);
        jdbc.failNext = true;
        writer.start();
        writer.enqueue(decision("lost@example.test"));
        writer.awaitWritten();
        writer.enqueue(decision("kept@example.test"));
        writer.awaitWritten();

        assertThat(dropped("write-failed")).isEqualTo(1.0);
        assertThat(jdbc.batches.stream().flatMap(List::stream).map(row -> row[8])).containsExactly("kept@example.test");
    }

    private DecisionWriter writer(int capacity, int batchSize, Duration flushInterval) {
        var properties = new DecisionLogProperties(Duration.ofDays(30), Duration.ofHours(1), capacity, batchSize,
                flushInterval);
        return new DecisionWriter(properties, jdbc, mock(PlatformTransactionManager.class), meters);
    }

    private double dropped(String reason) {
        return meters.get("yubin.policy.decision.log.dropped").tag("reason", reason).counter().count();
    }

    private static PendingDecision decision(String recipient) {
        var question = new DecisionRecord.Question("Q1", "192.0.2.1", null, "client.example", "s@remote.example",
                recipient, null);
        return new PendingDecision(Instant.parse("2030-01-01T00:00:00Z"), "RCPT", question, "ACCEPT", 250, "2.1.5",
                "Ok", List.of(new CheckEntry("recipient", "ACCEPT", "ok")));
    }

    /** Keeps what would have been inserted; can hold a batch (a slow database) or refuse one. */
    private static final class RecordingJdbc extends JdbcTemplate {
        final List<List<Object[]>> batches = Collections.synchronizedList(new ArrayList<>());
        final List<Object[]> checkRows = Collections.synchronizedList(new ArrayList<>());
        volatile boolean failNext;
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private long nextId = 1;

        void block() {
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> List<T> queryForList(String sql, Class<T> type, Object... args) {
            int count = (Integer) args[0];
            List<Long> ids = LongStream.range(nextId, nextId + count).boxed().toList();
            nextId += count;
            return (List<T>) ids;
        }

        @Override
        public int[] batchUpdate(String sql, List<Object[]> rows) {
            if (sql.contains("decision_check")) {
                checkRows.addAll(rows);
                return new int[rows.size()];
            }
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failNext) {
                failNext = false;
                throw new org.springframework.dao.DataAccessResourceFailureException("database down");
            }
            batches.add(List.copyOf(rows));
            return new int[rows.size()];
        }
    }
}
