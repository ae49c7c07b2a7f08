package dev.yubin.mta.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.mta.config.PolicyProperties;
import dev.yubin.mta.config.SecurityProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Ended sessions reported to a real HTTP server that stands in for the policy service. */
class SessionEndReporterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final JsonMapper json = JsonMapper.builder().build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<SessionEndReporter> reporters = new ArrayList<>();
    private StandInPolicyServer policy;

    @AfterEach
    void stop() {
        if (policy != null) {
            policy.close();   // answers a hung request first, as the reporters close after it
        }
        reporters.forEach(SessionEndReporter::close);
    }

    @Test
    void sessionsEndedMeanwhileArePostedInOneBatchWithTheInternalToken() throws IOException {
        // a long interval: the three ends are surely queued before the first send
        SessionEndReporter reporter = reporter(answering(204, false), Duration.ofSeconds(5), Duration.ofSeconds(1));

        reporter.ended("s-1");
        reporter.ended("s-2");
        reporter.ended("s-3");

        await().atMost(TIMEOUT).until(() -> policy.received().size() == 1);
        StandInPolicyServer.Received request = policy.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/policy/sessions/ended");
        assertThat(request.authorization()).isEqualTo("Bearer test-token");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.body().get("sessionIds").valueStream().map(JsonNode::asString).toList())
                .containsExactly("s-1", "s-2", "s-3");
        await().during(Duration.ofMillis(500)).atMost(TIMEOUT).until(() -> policy.received().size() == 1 && failures() == 0);
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
        await().atMost(TIMEOUT).until(() -> policy.received().size() == 1);   // the sender now waits on the server

        long start = System.nanoTime();
        for (int i = 1; i <= 100; i++) {
            reporter.ended("s-" + i);
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(tookMillis).isLessThan(500);
        // the hung batch times out and is counted; the next batch goes out all the same
        await().atMost(TIMEOUT).until(() -> failures() >= 1 && policy.received().size() >= 2);
    }

    /** The stand-in policy service for this test; its URL. */
    private String answering(int status, boolean hangFirst) throws IOException {
        policy = StandInPolicyServer.answering(status, hangFirst);
        return policy.url();
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
