package dev.yubin.mta.relay;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeats a store into Kafka (a retry record, a DSN) until it succeeds, with a growing pause
 * between tries, scheduled rather than slept. The job's offset waits for it: while the broker
 * is away nothing is committed past a message whose fate is not stored, so a restart replays it.
 */
final class Durably {

    private static final Logger log = LoggerFactory.getLogger(Durably.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final ScheduledExecutorService scheduler;
    private final Executor workers;

    Durably(ScheduledExecutorService scheduler, Executor workers) {
        this.scheduler = scheduler;
        this.workers = workers;
    }

    CompletableFuture<Void> run(String queueId, String what, Supplier<CompletableFuture<?>> action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(queueId, what, action, done, FIRST_PAUSE);
        return done;
    }

    private void attempt(String queueId, String what, Supplier<CompletableFuture<?>> action,
                         CompletableFuture<Void> done, Duration pause) {
        CompletableFuture<?> future;
        try {
            future = action.get();
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        future.whenComplete((result, failure) -> {
            if (failure == null) {
                done.complete(null);
                return;
            }
            log.warn("{}: storing the {} failed, trying again in {}s: {}", queueId, what, pause.toSeconds(),
                    rootMessage(failure));
            Duration next = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            try {
                scheduler.schedule(() -> workers.execute(() -> attempt(queueId, what, action, done, next)),
                        pause.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down: the offset stays uncommitted and the record is replayed after the restart
                done.completeExceptionally(e);
            }
        });
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
