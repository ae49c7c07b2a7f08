package dev.yubin.devstack.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** Probes listeners until all are ready, with a bounded wait. */
final class ReadinessProbe {

    private static final Duration INTERVAL = Duration.ofMillis(500);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler;

    ReadinessProbe(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Why {@code listener} is not ready yet, or empty when it is. */
    Optional<String> problem(Listener listener) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.port()), 1000);
        } catch (IOException e) {
            return Optional.of("not accepting connections");
        }
        if (!listener.http()) {
            return Optional.empty();
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + listener.port() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? Optional.empty() : Optional.of("/actuator/health/readiness answers " + status);
        } catch (IOException e) {
            return Optional.of("/actuator/health/readiness: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /**
     * Returns when every listener is ready; throws {@link NotReadyException} naming the ones
     * that are not after {@code timeout}, or as soon as {@code abandoned} says to give up.
     */
    void awaitAll(Collection<Listener> listeners, Duration timeout, BooleanSupplier abandoned) {
        AtomicReference<List<String>> missing = new AtomicReference<>(listeners.stream().map(Listener::describe).toList());
        CompletableFuture<Void> ready = new CompletableFuture<>();
        ScheduledFuture<?> task = scheduler.scheduleWithFixedDelay(() -> {
            if (abandoned.getAsBoolean()) {
                ready.completeExceptionally(new NotReadyException("startup abandoned", missing.get()));
                return;
            }
            List<String> now = listeners.stream()
                    .flatMap(l -> problem(l).map(p -> l.describe() + ": " + p).stream())
                    .toList();
            missing.set(now);
            if (now.isEmpty()) {
                ready.complete(null);
            }
        }, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NotReadyException("not ready in time", missing.get());
        } catch (ExecutionException e) {
            throw (NotReadyException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReadyException("interrupted", missing.get());
        } finally {
            task.cancel(false);
        }
    }
}
