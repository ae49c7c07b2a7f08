package dev.yubin.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.Api.Response;
import dev.yubin.policy.support.ControlledClock;
import dev.yubin.policy.support.MutableClock;
import dev.yubin.policy.support.PolicyServiceIT;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Password guessing on {@code POST /api/v1/auth}, with the default settings (5 failures per
 * account, 10 per client, 15-minute window, 1-minute first lock) and a clock the test moves.
 */
@PolicyServiceIT
@ControlledClock
class AuthThrottleIT {

    private static final String PASSWORD = "the right password";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    Api admin;
    Api service;
    String domain;
    String alice;

    @BeforeEach
    void setUp() {
        admin = Api.onPort(port);
        service = admin.withToken(Api.INTERNAL_TOKEN);
        domain = Api.uniqueDomain();
        alice = "alice@" + domain;
        admin.post("/api/v1/domains", Map.of("name", domain));
        admin.post("/api/v1/accounts", Map.of("address", alice, "password", PASSWORD));
    }

    @Test
    void accountIsThrottledAfterFiveFailuresEvenWithTheRightPassword() {
        String client = uniqueClient();
        for (int i = 1; i <= 5; i++) {
            assertThat(login(alice, "guess " + i, client).status()).as("failure " + i).isEqualTo(401);
        }

        Response throttled = login(alice, PASSWORD, client);
        assertThrottled(throttled, 120);   // the 6th failure doubles the 1-minute lock

        // The account is locked whatever the client; each attempt doubles the lock again.
        assertThrottled(login(alice, PASSWORD, uniqueClient()), 240);
    }

    @Test
    void lockEndsAfterItsDelayAndEverythingIsForgottenAfterTheWindow() {
        String client = uniqueClient();
        for (int i = 1; i <= 5; i++) {
            login(alice, "guess " + i, client);
        }
        assertThrottled(login(alice, PASSWORD, client), 120);

        clock.advance(Duration.ofSeconds(119));
        assertThrottled(login(alice, "guess 7", client), 240);   // the 7th failure: 4 minutes from now

        clock.advance(Duration.ofMinutes(4));
        // The lock is over but the window is not: one more failure locks again, longer.
        assertThat(login(alice, "guess 8", client).status()).isEqualTo(401);
        assertThrottled(login(alice, PASSWORD, client), 16 * 60);

        clock.advance(Duration.ofMinutes(16));
        assertThat(login(alice, PASSWORD, client).status()).isEqualTo(200);

        // A fresh window: four failures are under the threshold again.
        for (int i = 1; i <= 4; i++) {
            assertThat(login(alice, "again " + i, client).status()).isEqualTo(401);
        }
        assertThat(login(alice, PASSWORD, client).status()).isEqualTo(200);
    }

    @Test
    void successClearsTheAccountCountButNotTheClientCount() {
        String client = uniqueClient();
        for (int i = 1; i <= 4; i++) {
            login(alice, "guess " + i, client);
        }
        assertThat(login(alice, PASSWORD, client).status()).isEqualTo(200);
        for (int i = 5; i <= 8; i++) {
            assertThat(login(alice, "guess " + i, client).status()).as("failure " + i).isEqualTo(401);
        }
        assertThat(login(alice, PASSWORD, client).status()).isEqualTo(200);

        // The client has 8 failures; 2 more (on other names) reach its threshold of 10.
        login("nobody1@" + domain, "x", client);
        login("nobody2@" + domain, "x", client);
        assertThrottled(login(alice, PASSWORD, client), 120);
        assertThat(login(alice, PASSWORD, uniqueClient()).status()).isEqualTo(200);
    }

    @Test
    void clientIsThrottledAfterTenFailuresAcrossAccountsAndUnknownNames() {
        String client = uniqueClient();
        for (int i = 1; i <= 10; i++) {
            // Unknown names count like accounts, so locking does not tell which accounts exist.
            assertThat(login("user" + i + "@" + domain, "guess", client).status()).isEqualTo(401);
        }
        assertThrottled(login(alice, PASSWORD, client), 120);
        assertThat(login(alice, PASSWORD, uniqueClient()).status()).isEqualTo(200);
    }

    @Test
    void anIpv6ClientCountsAsItsSlash64() {
        String prefix = "2001:db8:" + Integer.toHexString(UUID.randomUUID().hashCode() & 0xffff) + ":7::";
        for (int i = 1; i <= 10; i++) {
            login("user" + i + "@" + domain, "guess", prefix + Integer.toHexString(i));
        }
        assertThrottled(login(alice, PASSWORD, prefix + "ffff"), 120);
        assertThat(login(alice, PASSWORD, "2001:db8:ffff:8::1").status()).isEqualTo(200);
    }

    @Test
    void everyFailureAndEveryThrottledAttemptIsInTheDecisionLog() {
        String client = uniqueClient();
        for (int i = 1; i <= 5; i++) {
            login(alice, "guess " + i, client);
        }
        login(alice, PASSWORD, client);

        JsonNode log = admin.get("/api/v1/decisions?clientAddress=" + client).json();
        assertThat(log.size()).isEqualTo(6);
        JsonNode throttled = log.get(0);
        assertThat(throttled.get("stage").asString()).isEqualTo("AUTH");
        assertThat(throttled.get("action").asString()).isEqualTo("TEMPFAIL");
        assertThat(throttled.get("smtpCode").asInt()).isEqualTo(454);
        assertThat(throttled.get("enhancedCode").asString()).isEqualTo("4.7.0");
        assertThat(throttled.get("username").asString()).isEqualTo(alice);
        assertThat(throttled.get("checks").get(0).get("name").asString()).isEqualTo("auth-throttle");
        assertThat(throttled.get("checks").get(0).get("detail").asString())
                .contains("account " + alice + ": 6 failures", "threshold 5", "locked for 120s",
                        "password not checked");

        JsonNode lockingFailure = log.get(1);
        assertThat(lockingFailure.get("action").asString()).isEqualTo("REJECT");
        assertThat(lockingFailure.get("smtpCode").asInt()).isEqualTo(535);
        assertThat(lockingFailure.get("checks").get(0).get("detail").asString())
                .startsWith("wrong password for " + alice + "; account " + alice + ": 5 failures")
                .contains("locked for 60s");
        for (int i = 2; i < 6; i++) {
            assertThat(log.get(i).get("checks").get(0).get("detail").asString())
                    .isEqualTo("wrong password for " + alice);
        }
        assertThat(log.toString()).doesNotContain(PASSWORD, "guess");
    }

    private void assertThrottled(Response response, long seconds) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.headers().get("retry-after")).containsExactly(Long.toString(seconds));
        assertThat(response.json().get("retryAfterSeconds").asLong()).isEqualTo(seconds);
        assertThat(response.json().has("address")).isFalse();
    }

    private Response login(String username, String password, String client) {
        return service.post("/api/v1/auth",
                Map.of("username", username, "password", password, "clientAddress", client));
    }

    /** A client address no other test uses (tests share the database and the clock). */
    private static String uniqueClient() {
        int n = UUID.randomUUID().hashCode();
        return "10." + ((n >>> 16) & 0xff) + "." + ((n >>> 8) & 0xff) + "." + (n & 0xff);
    }
}
