package dev.yubin.mta.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.yubin.mta.config.PolicyProperties;
import dev.yubin.mta.config.SecurityProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Ended sessions reported to a real HTTP server that stands in for the policy service. */
class SessionEndReporterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    record Received(String method, String path, String authorization, String contentType, JsonNode body) {}

    private final JsonMapper json = JsonMapper.builder().build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private final List<SessionEndReporter> reporters = new ArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        reporters.forEach(SessionEndReporter::close);
        if (server != null) {
            server.stop(0);
        }
        serverThreads.shutdownNow();
    }

    @Test
    void sessionsEndedMeanwhileArePostedInOneBatchWithTheInternalToken() throws IOException {
        // a long interval: the three ends are surely queued before the first send
        SessionEndReporter reporter = reporter(answering(204, false), Duration.ofSeconds(5), Duration.ofSeconds(1));

        reporter.ended("s-1");
        reporter.ended("s-2");
        reporter.ended("s-3");

        await().atMost(TIMEOUT).until(() -> received.size() == 1);
        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/policy/sessions/ended");
        assertThat(request.authorization()).isEqualTo("Bearer test-token");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.body().get("sessionIds").valueStream().map(JsonNode::asString).toList())
                .containsExactly("s-1", "s-2", "s-3");
        await().during(Duration.ofMillis(500)).atMost(TIMEOUT).until(() -> received.size() == 1 && failures() == 0);
    }

    @Test
    void anErrorStatusCountsEverySessionOfTheBatch() throws IOException {
        SessionEndReporter reporter = reporter(answering(500, false), Duration.ofSeconds(5), Duration.ofSeconds(1));

        reporter.ended("s-1");
        reporter.ended("s-2");

        await().atMost(TIMEOUT).until(() -> failures() == 2);
    }

    @Test
    void aPolicyServiceThatNeverAnswersDoesNotBlockTheSmtpThread() throws IOException {
        SessionEndReporter reporter = reporter(answering(204, true), Duration.ofMillis(500), Duration.ofMillis(50));
        reporter.ended("s-0");
        await().atMost(TIMEOUT).until(() -> received.size() == 1);   // the sender now waits on the server

        long start = System.nanoTime();
        for (int i = 1; i <= 100; i++) {
            reporter.ended("s-" + i);
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(tookMillis).isLessThan(500);
        // the hung batch times out and is counted; the next batch goes out all the same
        await().atMost(TIMEOUT).until(() -> failures() >= 1 && received.size() >= 2);
    }

    /** A server that records each request, then answers {@code status}, or waits until the test ends. */
    private String answering(int status, boolean hang) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    json.readTree(exchange.getRequestBody().readAllBytes())));
            if (hang && received.size() == 1) {
                try {
                    release.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private SessionEndReporter reporter(String url, Duration readTimeout, Duration interval) {
        SessionEndReporter reporter = new SessionEndReporter(new PolicyProperties(url, Duration.ofSeconds(1), readTimeout, 8),
                new SecurityProperties("test-token"), json, meters, interval);
        reporters.add(reporter);
        return reporter;
    }

    private double failures() {
        return meters.get("yubin.mta.policy.session-ends.failures").counter().count();
    }
}
