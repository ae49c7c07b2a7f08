package dev.yubin.policy.decision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the decision log off the request path: decisions wait in a bounded queue and one
 * background thread inserts them in JDBC batches, each batch one transaction, at most
 * {@code batch-size} rows and after at most {@code flush-interval} of gathering.
 *
 * <p>The decision log is an audit trail, not a delivery guarantee: an SMTP answer must never
 * wait for it, so when the queue is full the <em>newest</em> decision is dropped (the queued ones
 * were accepted first and keep their order) and counted in {@code yubin.policy.decision.log.dropped}
 * ({@code reason=queue-full}); a batch the database refuses is dropped the same way
 * ({@code reason=write-failed}). A crash loses what was still queued; an orderly shutdown writes it.
 */
@Component
class DecisionWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DecisionWriter.class);
    /** How long a reader waits for the queue ahead of it before it reads what is there. */
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(5);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

    /** What the queue holds: a decision, or a reader's marker that completes once all before it is written. */
    private sealed interface Entry permits Row, Barrier {}

    private record Row(PendingDecision decision) implements Entry {}

    private record Barrier(CompletableFuture<Void> written) implements Entry {}

    private final BlockingQueue<Entry> queue;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Counter droppedQueueFull;
    private final Counter droppedWriteFailed;
    private volatile boolean running;
    private Thread thread;

    DecisionWriter(DecisionLogProperties properties, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                   MeterRegistry meters) {
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.batchSize = properties.batchSize();
        this.flushIntervalNanos = properties.flushInterval().toNanos();
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.droppedQueueFull = dropped(meters, "queue-full");
        this.droppedWriteFailed = dropped(meters, "write-failed");
    }

    private static Counter dropped(MeterRegistry meters, String reason) {
        return Counter.builder("yubin.policy.decision.log.dropped")
                .description("Decisions that never reached the decision log (it is an audit trail, not a guarantee)")
                .tag("reason", reason)
                .register(meters);
    }

    /** Queues a decision; never blocks. */
    void enqueue(PendingDecision decision) {
        if (!queue.offer(new Row(decision))) {
            droppedQueueFull.increment();
        }
    }

    /**
     * Waits until every decision queued before this call is written (or dropped), at most a few
     * seconds: a reader of this replica's log then sees every decision this replica made before.
     */
    void awaitWritten() {
        if (!running) {
            return;
        }
        Barrier barrier = new Barrier(new CompletableFuture<>());
        try {
            if (queue.offer(barrier, FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                barrier.written().get(FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("decision log writer is behind; reading what is written");
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "decision-log-writer");
        thread.start();
    }

    /** Writes what is queued, then ends; the web server and the Postfix listener have stopped already. */
    @Override
    public synchronized void stop() {
        running = false;
        if (thread == null) {
            return;
        }
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the listeners (they stop in higher phases), before the data source goes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void run() {
        List<Entry> batch = new ArrayList<>(batchSize + 1);
        while (running || !queue.isEmpty()) {
            try {
                gather(batch);
            } catch (InterruptedException e) {
                // Only stop() ends the writer; it does not interrupt, so keep going.
                continue;
            }
            if (!batch.isEmpty()) {
                write(batch);
                batch.clear();
            }
        }
    }

    /** Takes up to a batch, waiting at most the flush interval after the first; a reader's marker ends it early. */
    private void gather(List<Entry> batch) throws InterruptedException {
        Entry first = queue.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        long deadline = System.nanoTime() + flushIntervalNanos;
        while (batch.size() < batchSize && !(first instanceof Barrier)) {
            queue.drainTo(batch, batchSize - batch.size());
            if (batch.size() >= batchSize || batch.stream().anyMatch(Barrier.class::isInstance)) {
                return;
            }
            // Stopping: write what is queued at once, still in full batches.
            long left = running ? deadline - System.nanoTime() : 0;
            Entry next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    private void write(List<Entry> batch) {
        List<PendingDecision> rows = batch.stream()
                .filter(Row.class::isInstance).map(entry -> ((Row) entry).decision()).toList();
        if (!rows.isEmpty()) {
            try {
                transaction.executeWithoutResult(status -> insert(rows));
            } catch (RuntimeException e) {
                droppedWriteFailed.increment(rows.size());
                log.error("could not write {} decisions to the decision log", rows.size(), e);
            }
        }
        batch.stream().filter(Barrier.class::isInstance).forEach(entry -> ((Barrier) entry).written().complete(null));
    }

    /** Three statements per batch: the ids, the decisions, their checks. */
    private void insert(List<PendingDecision> rows) {
        List<Long> ids = jdbc.queryForList(
                "select nextval(pg_get_serial_sequence('decision', 'id')) from generate_series(1, ?)",
                Long.class, rows.size());
        List<Object[]> decisions = new ArrayList<>(rows.size());
        List<Object[]> checks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            PendingDecision d = rows.get(i);
            long id = ids.get(i);
            DecisionRecord.Question q = d.question();
            decisions.add(new Object[] {id, OffsetDateTime.ofInstant(d.decidedAt(), ZoneOffset.UTC), d.stage(), q.queueId(), q.clientAddress(),
                    q.clientName(), q.helo(), q.sender(), q.recipient(), q.username(), d.action(), d.smtpCode(),
                    d.enhancedCode(), d.message()});
            for (int position = 0; position < d.checks().size(); position++) {
                CheckEntry check = d.checks().get(position);
                checks.add(new Object[] {id, position, check.name(), check.result(), check.detail()});
            }
        }
        jdbc.batchUpdate("""
                insert into decision (id, decided_at, stage, queue_id, client_address, client_name, helo, sender,
                    recipient, username, action, smtp_code, enhanced_code, message)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, decisions);
        if (!checks.isEmpty()) {
            jdbc.batchUpdate("""
                    insert into decision_check (decision_id, position, name, result, detail)
                    values (?, ?, ?, ?, ?)
                    """, checks);
        }
    }
}
