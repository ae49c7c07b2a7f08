package dev.yubin.mta.relay;

import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.MalformedRecordException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The relay's Kafka consumer (group {@code mta-relay}) on {@code yubin.mail.outbound} and the
 * retry topics. Its thread only polls, hands records to {@link Destinations} and commits; it
 * never waits for a remote server, so one slow destination cannot hold a partition.
 *
 * <ul>
 *   <li>Offsets: each partition's {@link OffsetTracker} commits up to the lowest record not yet
 *       done; a crash replays what was not done (a remote may get a message twice, none is lost).</li>
 *   <li>Retry topics: a record not yet due is sought back to and its partition paused until it
 *       is due; records of a retry topic come due in offset order, so nothing due waits.</li>
 *   <li>Back-pressure: above {@code max-in-flight} records the whole consumer pauses.</li>
 *   <li>Shutdown ({@link #stop(Runnable)}): the consumer pauses every partition and takes no more
 *       records; waiting jobs are put back on the outbound topic; deliveries in progress have
 *       {@code yubin.relay.shutdown-grace} to finish, then their sessions are closed; the offsets
 *       of what is done are committed and the consumer leaves its group. Phase: with the SMTP
 *       listeners, long before the Kafka producer factory (phase {@code Integer.MIN_VALUE}), so
 *       re-queued and deferred records can still be stored.</li>
 * </ul>
 */
final class RelayConsumer implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(RelayConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * After the grace, how long the messages of closed sessions may take to reach the retry
     * topic before the consumer closes; what is not stored by then stays uncommitted (replayed).
     */
    private static final Duration STORE_AFTER_GRACE = Duration.ofSeconds(5);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final List<String> topics;
    private final Destinations destinations;
    private final RelayEvents events;
    private final RetrySchedule schedule;
    private final RelayProperties properties;
    private final Clock clock;
    /** The offsets of the current run: a new map per start, so a job of a run that was stopped cannot complete an offset of the next. */
    private volatile ConcurrentMap<TopicPartition, OffsetTracker> trackers = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Instant> notDue = new HashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean stopping;
    private final List<Runnable> whenStopped = new ArrayList<>();
    private boolean finished; // guarded by whenStopped
    private volatile Consumer<String, byte[]> consumer;
    private volatile Thread thread;
    private boolean backPressure;
    private Instant lastCommit = Instant.MIN;

    RelayConsumer(Supplier<Consumer<String, byte[]>> consumers, List<String> topics, Destinations destinations,
                  RelayEvents events, RetrySchedule schedule, RelayProperties properties, Clock clock) {
        this.consumers = consumers;
        this.topics = List.copyOf(topics);
        this.destinations = destinations;
        this.events = events;
        this.schedule = schedule;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        // a stopped relay may be started again (Spring's stop/start, a paused test context)
        synchronized (whenStopped) {
            finished = false;
        }
        stopping = false;
        trackers = new ConcurrentHashMap<>();
        notDue.clear();
        inFlight.set(0);
        backPressure = false;
        lastCommit = Instant.MIN;
        destinations.resume();
        running = true;
        consumer = consumers.get();
        thread = new Thread(this::run, "relay-consumer");
        thread.start();
        log.info("Relay consuming {} (destination concurrency {}, retry topics {})", topics,
                properties.destinationConcurrency(), schedule.topics());
    }

    /**
     * Asks the poll thread to drain (see the class comment) and returns at once, so the relay
     * drains while the SMTP listeners of the same phase finish their transactions; the callback
     * runs when the consumer has committed and left its group.
     */
    @Override
    public void stop(Runnable callback) {
        synchronized (whenStopped) {
            if (thread == null || finished) {
                running = false;
                callback.run();
                return;
            }
            whenStopped.add(callback);
        }
        stopping = true;
    }

    /**
     * Begins the drain as soon as the context starts closing: the lifecycle stops the beans of
     * one phase one after the other and the SMTP listener's stop blocks for its own grace, so
     * waiting for our turn would add the two graces up.
     */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopping = true;
    }

    @Override
    public void stop() {
        CountDownLatch stopped = new CountDownLatch(1);
        stop(stopped::countDown);
        try {
            stopped.await(properties.shutdownGrace().plus(STORE_AFTER_GRACE).plusSeconds(10).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Records taken from Kafka and not yet done. */
    int inFlight() {
        return inFlight.get();
    }

    private void run() {
        Consumer<String, byte[]> c = consumer;
        try {
            c.subscribe(topics, new Rebalance(c));
            while (running && !stopping) {
                resumeDue(c);
                applyBackPressure(c);
                ConsumerRecords<String, byte[]> records = c.poll(POLL);
                for (TopicPartition partition : records.partitions()) {
                    dispatch(c, partition, records.records(partition));
                }
                commit(c, false);
            }
            if (stopping) {
                drain(c);
            }
        } catch (WakeupException e) {
            // not used by stop(), which lets the current poll end by itself
        } catch (RuntimeException e) {
            log.error("relay consumer failed; records not done are replayed by the next owner of their partitions", e);
        } finally {
            try {
                commit(c, true);
            } catch (RuntimeException e) {
                log.warn("final offset commit failed: {}", e.toString());
            }
            // Leaves the group (a dynamic member does on close): the partitions move to the other
            // relays at once instead of after the session timeout.
            c.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
            running = false;
            stopped();
        }
    }

    /**
     * Shutdown on the poll thread: pause everything, put waiting jobs back, give deliveries in
     * progress the grace, then close their sessions and give their outcomes a moment to be
     * stored. Polling goes on throughout (nothing comes, everything is paused) so that the
     * consumer keeps its group membership and its commits are accepted.
     */
    private void drain(Consumer<String, byte[]> c) {
        c.pause(c.assignment());
        int putBack = destinations.stopTaking();
        log.info("relay stopping: {} records in flight, {} put back on the outbound topic; waiting up to {} for deliveries in progress",
                inFlight.get(), putBack, properties.shutdownGrace());
        if (!pollUntilDone(c, properties.shutdownGrace())) {
            int closed = destinations.closeAll();
            log.warn("relay stopping: grace of {} over, {} sessions closed with their messages in flight",
                    properties.shutdownGrace(), closed);
            pollUntilDone(c, STORE_AFTER_GRACE);
        }
        int left = inFlight.get();
        if (left > 0) {
            log.warn("relay stopping: {} records not done stay uncommitted and are taken again by the next relay", left);
        } else {
            log.info("relay stopped: every record taken is done");
        }
    }

    /** Polls (paused) and commits until nothing is in flight or {@code limit} has passed; true when nothing is. */
    private boolean pollUntilDone(Consumer<String, byte[]> c, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
            c.poll(POLL); // paused: returns nothing, and anything it did return would not be dispatched
            commit(c, false);
        }
        return inFlight.get() == 0;
    }

    private void stopped() {
        List<Runnable> callbacks;
        synchronized (whenStopped) {
            finished = true;
            callbacks = List.copyOf(whenStopped);
            whenStopped.clear();
        }
        callbacks.forEach(Runnable::run);
    }

    private void dispatch(Consumer<String, byte[]> c, TopicPartition partition, List<ConsumerRecord<String, byte[]>> records) {
        OffsetTracker tracker = trackers.computeIfAbsent(partition, p -> new OffsetTracker());
        boolean retryTopic = schedule.isRetryTopic(partition.topic());
        Instant now = clock.instant();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (retryTopic) {
                Instant due = RelayHeaders.notBefore(record.headers());
                if (due.isAfter(now)) {
                    // Not due, nor is anything behind it: come back for it when it is.
                    c.seek(partition, record.offset());
                    c.pause(List.of(partition));
                    notDue.put(partition, due);
                    return;
                }
            }
            tracker.dispatched(record.offset());
            inFlight.incrementAndGet();
            Job job;
            try {
                job = job(partition, record);
            } catch (MalformedRecordException e) {
                // Nothing can deliver it; keeping it would stop the partition's commits forever.
                log.error("{}: unreadable outbound record {}-{}@{} skipped: {}", record.key(), partition.topic(),
                        partition.partition(), record.offset(), e.getMessage());
                done(partition, record.offset());
                continue;
            }
            if (job.attempt() == 1) {
                events.queued(job);
            }
            destinations.submit(job);
        }
    }

    private Job job(TopicPartition partition, ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new MalformedRecordException("no message bytes");
        }
        Envelope envelope = KafkaRecords.toEnvelope(record.headers());
        String destination = record.key() != null && !record.key().isBlank()
                ? record.key() : envelope.recipients().get(0).address().domain();
        return new Job(partition, record.offset(), destination, envelope, record.value(),
                RelayHeaders.attempts(record.headers()) + 1, RelayHeaders.warned(record.headers()),
                new Job.Completion(completing(trackers)));
    }

    private java.util.function.Consumer<Job> completing(ConcurrentMap<TopicPartition, OffsetTracker> run) {
        return job -> {
            if (run == trackers) {
                done(job.partition(), job.offset());
            }
        };
    }

    private void done(TopicPartition partition, long offset) {
        OffsetTracker tracker = trackers.get(partition);
        if (tracker != null && tracker.done(offset)) {
            inFlight.decrementAndGet();
        }
    }

    private void resumeDue(Consumer<String, byte[]> c) {
        if (notDue.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Set<TopicPartition> due = new HashSet<>();
        notDue.forEach((partition, at) -> {
            if (!at.isAfter(now)) {
                due.add(partition);
            }
        });
        if (!due.isEmpty()) {
            due.forEach(notDue::remove);
            if (!backPressure) {
                c.resume(due);
            }
        }
    }

    private void applyBackPressure(Consumer<String, byte[]> c) {
        int current = inFlight.get();
        if (!backPressure && current >= properties.maxInFlight()) {
            backPressure = true;
            c.pause(c.assignment());
            log.info("relay paused: {} records in flight", current);
        } else if (backPressure && current <= properties.maxInFlight() / 2) {
            backPressure = false;
            Set<TopicPartition> resume = new HashSet<>(c.assignment());
            resume.removeAll(notDue.keySet());
            c.resume(resume);
            log.info("relay resumed: {} records in flight", current);
        }
    }

    private void commit(Consumer<String, byte[]> c, boolean now) {
        Instant at = clock.instant();
        if (!now && at.isBefore(lastCommit.plus(properties.commitInterval()))) {
            return;
        }
        lastCommit = at;
        commit(c, trackers.keySet());
    }

    private void commit(Consumer<String, byte[]> c, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, Long> committing = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetTracker tracker = trackers.get(partition);
            long offset = tracker == null ? -1 : tracker.committable();
            if (offset >= 0) {
                offsets.put(partition, new OffsetAndMetadata(offset));
                committing.put(partition, offset);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            c.commitSync(offsets);
        } catch (org.apache.kafka.common.errors.RetriableException | org.apache.kafka.clients.consumer.CommitFailedException e) {
            // A rebalance or a broker hiccup: the same offsets (or later ones) go with the next commit.
            log.warn("offset commit failed, will try again: {}", e.toString());
            return;
        }
        committing.forEach((partition, offset) -> {
            OffsetTracker tracker = trackers.get(partition);
            if (tracker != null) {
                tracker.committed(offset);
            }
        });
    }

    /** On a rebalance, commit what is done for the partitions we lose, then forget them. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final Consumer<String, byte[]> c;

        Rebalance(Consumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                commit(c, partitions);
            } catch (RuntimeException e) {
                log.warn("offset commit on revocation failed: {}", e.toString());
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (backPressure || stopping) {
                c.pause(partitions);
            }
        }

        private void forget(Collection<TopicPartition> partitions) {
            // Jobs still running for these partitions finish; the next owner replays them (duplicates, never losses).
            partitions.forEach(p -> {
                OffsetTracker removed = trackers.remove(p);
                notDue.remove(p);
                if (removed != null) {
                    inFlight.addAndGet(-removed.size());
                }
            });
        }
    }
}
