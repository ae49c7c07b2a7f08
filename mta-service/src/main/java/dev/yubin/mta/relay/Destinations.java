package dev.yubin.mta.relay;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;

/**
 * The per-destination work queues of this replica. {@link #submit} is called by the Kafka poll
 * thread and never blocks: it queues the job with its destination and starts a session when
 * the destination has fewer than {@code destination-concurrency}; a destination that is full
 * or suspended sends the job straight to its retry topic, on a worker thread.
 *
 * <p>At shutdown {@link #stopTaking} puts every job still waiting back on the outbound topic;
 * a session then ends after the message it is sending, and {@link #closeAll} cuts those that
 * outlast the grace.
 */
class Destinations {

    private final ConcurrentMap<String, Destination> destinations = new ConcurrentHashMap<>();
    private final Set<SmtpSession> open = ConcurrentHashMap.newKeySet();
    private final RelayProperties properties;
    private final Router router;
    private final Outcomes outcomes;
    private final RelayEvents events;
    private final SmtpSession.Settings settings;
    private final ExecutorService workers;
    private final Clock clock;
    private final PutBack putBack;
    private volatile boolean stopping;

    Destinations(RelayProperties properties, Router router, Outcomes outcomes, RelayEvents events,
                 SmtpSession.Settings settings, ExecutorService workers, Clock clock, PutBack putBack) {
        this.properties = properties;
        this.router = router;
        this.outcomes = outcomes;
        this.events = events;
        this.settings = settings;
        this.workers = workers;
        this.clock = clock;
        this.putBack = putBack;
    }

    void submit(Job job) {
        if (stopping) {
            putBack.putBack(job);
            return;
        }
        while (true) {
            Destination destination = destinations.computeIfAbsent(job.destination(), Destination::new);
            Destination.Offer offer = destination.offer(job, clock.instant(), properties.destinationConcurrency(),
                    properties.destinationQueueLimit());
            switch (offer) {
                case SPAWN -> workers.execute(new SessionWorker(destination, this));
                case QUEUED -> { }
                case FULL -> workers.execute(() -> outcomes.requeue(job, RemoteReply.temporary("4.4.5",
                        "too many messages waiting for " + job.destination() + " on this relay")));
                case SUSPENDED -> {
                    RemoteReply last = destination.lastFailure();
                    workers.execute(() -> outcomes.requeue(job, RemoteReply.temporary("4.4.1",
                            "delivery to " + job.destination() + " temporarily suspended: "
                                    + (last == null ? "" : last.text()))));
                }
                case RETIRED -> {
                    destinations.remove(job.destination(), destination);
                    continue;
                }
            }
            return;
        }
    }

    /** Called by a worker whose session ended; starts the next one in its slot or retires the destination. */
    void sessionEnded(Destination destination, boolean wasConnected) {
        if (destination.sessionEnded(wasConnected, clock.instant()) && !stopping) {
            try {
                workers.execute(new SessionWorker(destination, this));
                return;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                destination.sessionEnded(false, clock.instant());
                return; // shutting down
            }
        }
        if (destination.retireIfIdle(clock.instant())) {
            destinations.remove(destination.name, destination);
        }
    }

    /**
     * Shutdown, first step: takes no more jobs and puts every waiting one back on the outbound
     * topic ({@link PutBack}). Sessions finish the message they are sending and then end, since
     * their queues are empty.
     *
     * @return the number of jobs put back
     */
    int stopTaking() {
        stopping = true;
        int count = 0;
        for (Destination destination : destinations.values()) {
            for (Job job : destination.drain()) {
                putBack.putBack(job);
                count++;
            }
        }
        return count;
    }

    /** Takes jobs again: the relay was started after a stop. */
    void resume() {
        stopping = false;
    }

    /**
     * Shutdown, when the grace is over: closes every open session. The message each was sending
     * fails like a broken connection (deferred to the retry topic), or, if even that cannot be
     * stored, stays uncommitted and is replayed; the remote may then get it twice.
     *
     * @return the number of sessions closed
     */
    int closeAll() {
        int count = open.size();
        open.forEach(SmtpSession::close);
        return count;
    }

    Duration suspension() {
        return properties.retry().first();
    }

    int destinationCount() {
        return destinations.size();
    }

    int queued() {
        return destinations.values().stream().mapToInt(Destination::queued).sum();
    }

    Router router() {
        return router;
    }

    Outcomes outcomes() {
        return outcomes;
    }

    RelayEvents events() {
        return events;
    }

    SmtpSession.Settings settings() {
        return settings;
    }

    int maxMessagesPerSession() {
        return properties.maxMessagesPerSession();
    }

    Clock clock() {
        return clock;
    }

    void opened(SmtpSession session) {
        open.add(session);
    }

    void closed(SmtpSession session) {
        open.remove(session);
    }
}
