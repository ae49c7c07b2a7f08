package dev.yubin.policy.check.ratelimit;

import static dev.yubin.policy.support.Decisions.detail;
import static dev.yubin.policy.support.Decisions.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.PolicyApplication;
import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.ControlledClock;
import dev.yubin.policy.support.Decisions;
import dev.yubin.policy.support.MutableClock;
import dev.yubin.policy.support.PolicyServiceIT;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Concurrent sessions per client over two replicas of the service that share one database (this
 * test's context and a second one started here on the same database and clock), at most
 * {@value #MAX_SESSIONS} per client.
 */
@PolicyServiceIT
@ControlledClock
@TestPropertySource(properties = {
        "yubin.policy.ratelimit.max-sessions-per-client=" + ConnectionConcurrencyIT.MAX_SESSIONS,
        "yubin.policy.ratelimit.session-lifetime=6m",
        "yubin.policy.trusted-networks=" + ConnectionConcurrencyIT.TRUSTED})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)   // one second replica for all tests
class ConnectionConcurrencyIT {

    static final int MAX_SESSIONS = 3;
    static final String TRUSTED = "198.18.77.0/24";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Environment environment;

    ConfigurableApplicationContext replica;
    Decisions first;
    Decisions second;

    @BeforeAll
    void startASecondReplica() {
        // command-line arguments: they win over application.yml, as the environment does on a real replica
        replica = new SpringApplicationBuilder(PolicyApplication.class)
                // one clock for both replicas, as NTP gives real ones
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean("sharedClock", MutableClock.class, () -> clock, bean -> bean.setPrimary(true)))
                .run("--server.port=0",
                        "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--yubin.dns.servers=" + environment.getProperty("yubin.dns.servers"),
                        "--yubin.dns.timeout=300ms",
                        "--yubin.security.admin-token=" + Api.ADMIN_TOKEN,
                        "--yubin.security.internal-token=" + Api.INTERNAL_TOKEN,
                        "--yubin.mta.hostname=" + PolicyServiceIT.MTA_HOSTNAME,
                        "--yubin.policy.postfix.port=0",
                        "--yubin.policy.postfix.bind-address=127.0.0.1",
                        "--yubin.policy.ratelimit.max-sessions-per-client=" + MAX_SESSIONS,
                        "--yubin.policy.trusted-networks=" + TRUSTED);
        first = new Decisions(port);
        second = new Decisions(replica.getEnvironment().getProperty("local.server.port", Integer.class));
    }

    @AfterAll
    void stopTheSecondReplica() {
        replica.close();
    }

    @Test
    void sessionsOpenedThroughEitherReplicaCountTogetherUntilOneEnds() {
        String client = "198.18.70.1";
        String a = session();
        assertThat(action(connect(first, client, a))).isEqualTo("ACCEPT");
        assertThat(action(connect(second, client, session()))).isEqualTo("ACCEPT");
        assertThat(action(connect(first, client, session()))).isEqualTo("ACCEPT");

        JsonNode over = connect(second, client, session());
        assertThat(action(over)).isEqualTo("TEMPFAIL");
        assertThat(reply(over)).isEqualTo("421 4.7.0 Too many connections, try again later");
        assertThat(detail(over, "connection-concurrency")).contains("198.18.70.1/32", "3 open sessions", "limit 3");
        assertThat(action(connect(first, client, session()))).as("the other replica agrees").isEqualTo("TEMPFAIL");
        assertThat(action(connect(first, "198.18.70.2", session()))).as("another client").isEqualTo("ACCEPT");

        ended(a);   // reported to the replica it was not counted on
        assertThat(action(connect(first, client, session()))).isEqualTo("ACCEPT");
        assertThat(action(connect(second, client, session()))).isEqualTo("TEMPFAIL");
    }

    @Test
    void sessionsPastTheirLifetimeNoLongerCountButAMailKeepsOneAlive() {
        String client = "198.18.71.1";
        String kept = session();
        connect(first, client, kept);
        connect(second, client, session());
        connect(first, client, session());
        assertThat(action(connect(second, client, session()))).isEqualTo("TEMPFAIL");

        clock.advance(Duration.ofMinutes(4));
        JsonNode mail = first.ask(Map.of("stage", "MAIL", "clientAddress", client, "helo", "mx.sender.example",
                "sender", "<>", "sessionId", kept));
        assertThat(detail(mail, "session-refresh")).contains("counted for another lifetime");
        clock.advance(Duration.ofMinutes(3));   // 7 minutes: past the 6m lifetime, the refreshed one 3 minutes old

        // only the refreshed one still counts
        assertThat(action(connect(second, client, session()))).isEqualTo("ACCEPT");
        assertThat(action(connect(first, client, session()))).isEqualTo("ACCEPT");
        JsonNode over = connect(first, client, session());
        assertThat(action(over)).isEqualTo("TEMPFAIL");
        assertThat(detail(over, "connection-concurrency")).contains("3 open sessions");
    }

    @Test
    void replicasRacingForTheLastPlacesLetInNoMoreThanTheLimit() throws Exception {
        String client = "198.18.73.1";
        int attempts = 12;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Decisions replica = i % 2 == 0 ? first : second;
                answers.add(pool.submit(() -> {
                    go.await();
                    return action(connect(replica, client, session()));
                }));
            }
            go.countDown();
            List<String> actions = new ArrayList<>();
            for (Future<String> answer : answers) {
                actions.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertThat(actions).filteredOn("ACCEPT"::equals).hasSize(MAX_SESSIONS);
            assertThat(actions).filteredOn("TEMPFAIL"::equals).hasSize(attempts - MAX_SESSIONS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void requestsWithoutASessionIdAreNotCounted() {
        String client = "198.18.72.1";
        for (int i = 0; i <= MAX_SESSIONS; i++) {
            JsonNode decision = (i % 2 == 0 ? first : second).connect(client);
            assertThat(action(decision)).isEqualTo("ACCEPT");
            assertThat(detail(decision, "connection-concurrency")).contains("not counted");
        }
        assertThat(action(connect(first, client, session()))).isEqualTo("ACCEPT");
    }

    @Test
    void trustedClientsAreNotCounted() {
        String client = "198.18.77.5";
        for (int i = 0; i <= MAX_SESSIONS; i++) {
            JsonNode decision = connect(i % 2 == 0 ? first : second, client, session());
            assertThat(action(decision)).isEqualTo("ACCEPT");
            assertThat(detail(decision, "trusted-network")).contains("connection-concurrency");
        }
    }

    @Test
    void theEndpointNeedsTheInternalToken() {
        assertThat(Api.onPort(port).withToken(null).post("/api/v1/policy/sessions/ended", Map.of("sessionIds", List.of("x")))
                .status()).isEqualTo(401);
    }

    private static JsonNode connect(Decisions replica, String client, String sessionId) {
        return replica.ask(Map.of("stage", "CONNECT", "clientAddress", client, "sessionId", sessionId));
    }

    /** The MTA's report, to the second replica. */
    private void ended(String sessionId) {
        int replicaPort = replica.getEnvironment().getProperty("local.server.port", Integer.class);
        Api.Response response = Api.onPort(replicaPort).withToken(Api.INTERNAL_TOKEN)
                .post("/api/v1/policy/sessions/ended", Map.of("sessionIds", List.of(sessionId, "never-seen")));
        assertThat(response.status()).isEqualTo(204);
    }

    private static String session() {
        return UUID.randomUUID().toString();
    }

    private static String action(JsonNode decision) {
        return decision.get("action").asString();
    }
}
