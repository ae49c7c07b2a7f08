package dev.yubin.mta.policy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on loopback standing in for the policy service: it records each request
 * and answers every one with the same status, the first perhaps only when the server closes.
 */
final class StandInPolicyServer implements AutoCloseable {

    record Received(String method, String path, String authorization, String contentType, JsonNode body) {}

    private static final Duration LONGEST_HANG = Duration.ofSeconds(10);

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;

    /** @param hangFirst the first request is answered only at {@link #close} (at most 10 s later) */
    static StandInPolicyServer answering(int status, boolean hangFirst) throws IOException {
        return new StandInPolicyServer(status, hangFirst);
    }

    private StandInPolicyServer(int status, boolean hangFirst) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    json.readTree(exchange.getRequestBody().readAllBytes())));
            if (hangFirst && received.size() == 1) {
                try {
                    release.await(LONGEST_HANG.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Every request so far, in the order they came. */
    List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
