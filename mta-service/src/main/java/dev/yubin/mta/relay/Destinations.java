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

    Destinations(RelayProperties properties, Router router, Outcomes outcomes, RelayEvents events,
                 SmtpSession.Settings settings, ExecutorService workers, Clock clock) {
        this.properties = properties;
        this.router = router;
        this.outcomes = outcomes;
        this.events = events;
        this.settings = settings;
        this.workers = workers;
        this.clock = clock;
    }

    void submit(Job job) {
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
        if (destination.sessionEnded(wasConnected, clock.instant())) {
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

    /** Closes every open session at shutdown; their jobs stay uncommitted and are replayed. */
    void closeAll() {
        open.forEach(SmtpSession::close);
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
