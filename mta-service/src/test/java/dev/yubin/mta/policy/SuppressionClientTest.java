package dev.yubin.mta.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.mta.config.PolicyProperties;
import dev.yubin.mta.config.SecurityProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The suppression call against a real HTTP server that stands in for the policy service. */
class SuppressionClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final JsonMapper json = JsonMapper.builder().build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private StandInPolicyServer policy;

    @AfterEach
    void stop() {
        if (policy != null) {
            policy.close();
        }
    }

    @Test
    void postsTheAddressAndReasonWithTheInternalToken() throws IOException {
        SuppressionClient client = client(answering(201, false), Duration.ofSeconds(5));

        client.suppress("Q1", "nobody@remote.example", "bounced by mx.remote.example[192.0.2.25]: 550 5.1.1 no such user");

        await().atMost(TIMEOUT).until(() -> policy.received().size() == 1);
        StandInPolicyServer.Received request = policy.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/suppressions");
        assertThat(request.authorization()).isEqualTo("Bearer test-token");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.body().get("address").asString()).isEqualTo("nobody@remote.example");
        assertThat(request.body().get("reason").asString()).contains("550 5.1.1 no such user");
        // the response arrives after the request was recorded: wait for it to be handled
        await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> failures() == 0);
    }

    @Test
    void anAddressAlreadySuppressedIsNoFailure() throws IOException {
        SuppressionClient client = client(answering(409, false), Duration.ofSeconds(5));

        client.suppress("Q2", "nobody@remote.example", "550 5.1.1");

        await().atMost(TIMEOUT).until(() -> policy.received().size() == 1);
        await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> failures() == 0);
    }

    @Test
    void anErrorStatusIsCounted() throws IOException {
        SuppressionClient client = client(answering(500, false), Duration.ofSeconds(5));

        client.suppress("Q3", "nobody@remote.example", "550 5.1.1");

        await().atMost(TIMEOUT).until(() -> failures() == 1);
    }

    @Test
    void aPolicyServiceThatIsDownIsCounted() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SuppressionClient client = new SuppressionClient(
                new PolicyProperties("http://127.0.0.1:" + closedPort, Duration.ofSeconds(1), Duration.ofSeconds(1), 8),
                new SecurityProperties("test-token"), json, meters);

        client.suppress("Q4", "nobody@remote.example", "550 5.1.1");

        await().atMost(TIMEOUT).until(() -> failures() == 1);
    }

    @Test
    void aPolicyServiceThatNeverAnswersNeitherBlocksTheCallerNorHangsOn() throws IOException {
        SuppressionClient client = client(answering(201, true), Duration.ofMillis(500));

        long start = System.nanoTime();
        client.suppress("Q5", "nobody@remote.example", "550 5.1.1");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // the caller is a relay worker: it must be back long before the policy service answers
        assertThat(tookMillis).isLessThan(500);
        await().atMost(TIMEOUT).until(() -> policy.received().size() == 1);
        await().atMost(TIMEOUT).until(() -> failures() == 1);
    }

    /** The stand-in policy service for this test; its URL. */
    private String answering(int status, boolean hangFirst) throws IOException {
        policy = StandInPolicyServer.answering(status, hangFirst);
        return policy.url();
    }

    private SuppressionClient client(String url, Duration readTimeout) {
        return new SuppressionClient(new PolicyProperties(url, Duration.ofSeconds(1), readTimeout, 8),
                new SecurityProperties("test-token"), json, meters);
    }

    private double failures() {
        return meters.counter("yubin.relay.suppression.failures").count();
    }
}
