package dev.yubin.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.Api.Response;
import dev.yubin.policy.support.PolicyServiceIT;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** RCPT decisions as the MTA asks them, with no relay networks configured (the default). */
@PolicyServiceIT
class PolicyCheckIT {

    @LocalServerPort
    int port;

    Api admin;
    Api mta;
    String domain;

    @BeforeEach
    void setUp() {
        admin = Api.onPort(port);
        mta = admin.withToken(Api.INTERNAL_TOKEN);
        domain = Api.uniqueDomain();
        admin.post("/api/v1/domains", Map.of("name", domain));
        for (String user : List.of("alice", "bob", "carol")) {
            admin.post("/api/v1/accounts", Map.of("address", user + "@" + domain, "password", "password " + user));
        }
    }

    @Test
    void knownAccountIsAcceptedWithItsMailbox() {
        JsonNode decision = rcpt("Alice@" + domain.toUpperCase(), "192.0.2.1", null);
        assertThat(decision.get("action").asString()).isEqualTo("ACCEPT");
        assertThat(decision.get("smtpCode").asInt()).isEqualTo(250);
        assertThat(decision.get("enhancedCode").asString()).isEqualTo("2.1.5");
        assertThat(recipients(decision)).containsExactly("alice@" + domain + " local");
    }

    @Test
    void aliasExpandsToItsLocalAndRemoteTargets() {
        alias("team", "alice@" + domain, "bob@" + domain, "Partner@remote.example");
        JsonNode decision = rcpt("<team@" + domain + ">", "192.0.2.1", null);
        assertThat(decision.get("action").asString()).isEqualTo("ACCEPT");
        assertThat(recipients(decision)).containsExactly(
                "alice@" + domain + " local", "bob@" + domain + " local", "Partner@remote.example remote");
    }

    @Test
    void addressReachedTwiceIsDeliveredOnceAndLoopsEnd() {
        alias("staff", "alice@" + domain, "bob@" + domain);
        alias("all", "staff@" + domain, "alice@" + domain, "carol@" + domain, "all@" + domain);
        alias("ping", "pong@" + domain, "alice@" + domain);
        alias("pong", "ping@" + domain, "bob@" + domain);

        assertThat(recipients(rcpt("all@" + domain, "192.0.2.1", null))).containsExactly(
                "alice@" + domain + " local", "bob@" + domain + " local", "carol@" + domain + " local");
        JsonNode loop = rcpt("ping@" + domain, "192.0.2.1", null);
        assertThat(recipients(loop)).containsExactly("bob@" + domain + " local", "alice@" + domain + " local");
        assertThat(loop.get("checks").get(0).get("detail").asString()).contains("alias loop");
    }

    @Test
    void directoryWritesCountAtOnceDespiteTheReadCache() {
        // Each answer below would be cached for the TTL (5s) if a write did not clear the cache.
        assertThat(rcpt("dave@" + domain, "192.0.2.1", null).get("smtpCode").asInt()).isEqualTo(550);
        admin.post("/api/v1/accounts", Map.of("address", "dave@" + domain, "password", "password dave"));
        assertThat(rcpt("dave@" + domain, "192.0.2.1", null).get("smtpCode").asInt()).isEqualTo(250);

        alias("crew", "dave@" + domain);
        assertThat(recipients(rcpt("crew@" + domain, "192.0.2.1", null))).containsExactly("dave@" + domain + " local");
        assertThat(admin.delete("/api/v1/aliases/crew@" + domain).status()).isEqualTo(204);
        assertThat(rcpt("crew@" + domain, "192.0.2.1", null).get("smtpCode").asInt()).isEqualTo(550);
        assertThat(admin.delete("/api/v1/accounts/dave@" + domain).status()).isEqualTo(204);
        assertThat(rcpt("dave@" + domain, "192.0.2.1", null).get("smtpCode").asInt()).isEqualTo(550);

        String other = Api.uniqueDomain();
        assertThat(rcpt("x@" + other, "192.0.2.1", null).get("smtpCode").asInt()).isEqualTo(554);
        admin.post("/api/v1/domains", Map.of("name", other));
        assertThat(rcpt("x@" + other, "192.0.2.1", null).get("smtpCode").asInt()).isEqualTo(550);
    }

    @Test
    void aliasThatReachesNobodyIsUnknown() {
        alias("ghosts", "casper@" + domain, "ghosts@" + domain);
        JsonNode decision = rcpt("ghosts@" + domain, "192.0.2.1", null);
        assertThat(decision.get("smtpCode").asInt()).isEqualTo(550);
        assertThat(decision.get("checks").get(0).get("detail").asString())
                .contains("casper@" + domain + " is neither an account nor an alias");
    }

    @Test
    void unknownLocalRecipientIs550WithAGenericMessage() {
        JsonNode decision = rcpt("nobody@" + domain, "192.0.2.1", null);
        assertThat(decision.get("action").asString()).isEqualTo("REJECT");
        assertThat(decision.get("smtpCode").asInt()).isEqualTo(550);
        assertThat(decision.get("enhancedCode").asString()).isEqualTo("5.1.1");
        assertThat(decision.get("message").asString()).doesNotContain("nobody", domain);
        assertThat(decision.get("recipients").size()).isZero();
    }

    @Test
    void foreignDomainIsRelayDeniedEvenFromLoopback() {
        for (String client : List.of("192.0.2.1", "127.0.0.1", "::1")) {
            JsonNode decision = rcpt("someone@elsewhere.example", client, null);
            assertThat(decision.get("action").asString()).isEqualTo("REJECT");
            assertThat(decision.get("smtpCode").asInt()).isEqualTo(554);
            assertThat(decision.get("enhancedCode").asString()).isEqualTo("5.7.1");
            assertThat(decision.get("message").asString()).isEqualTo("Relay access denied");
        }
    }

    @Test
    void authenticatedSubmissionMayRelay() {
        JsonNode decision = rcpt("Someone@Elsewhere.example", "203.0.113.9", "alice@" + domain);
        assertThat(decision.get("action").asString()).isEqualTo("ACCEPT");
        assertThat(recipients(decision)).containsExactly("Someone@elsewhere.example remote");
    }

    @Test
    void recipientThatIsNoAddressIs553() {
        for (String bad : new String[] {"not an address", "<>", "@route:x@" + domain, ""}) {
            JsonNode decision = rcpt(bad, "192.0.2.1", null);
            assertThat(decision.get("smtpCode").asInt()).as(bad).isEqualTo(553);
            assertThat(decision.get("enhancedCode").asString()).isEqualTo("5.1.3");
        }
    }

    @Test
    void otherStagesAreAcceptedForNow() {
        for (String stage : List.of("CONNECT", "HELO", "MAIL", "DATA")) {
            JsonNode decision = mta.post("/api/v1/policy/check", Map.of("stage", stage, "clientAddress", "192.0.2.1",
                    "helo", "client.example", "sender", "x@remote.example")).json();
            assertThat(decision.get("action").asString()).isEqualTo("ACCEPT");
            assertThat(decision.get("smtpCode").asInt()).isEqualTo(250);
        }
    }

    @Test
    void badRequestsAre400AndUnknownFieldsAreIgnored() {
        Response noStage = mta.post("/api/v1/policy/check", Map.of("recipient", "alice@" + domain));
        assertThat(noStage.status()).isEqualTo(400);
        assertThat(noStage.isProblem()).isTrue();
        assertThat(mta.post("/api/v1/policy/check", Map.of("stage", "EHLO")).status()).isEqualTo(400);
        assertThat(mta.postRaw("/api/v1/policy/check", "stage=RCPT", "application/json").status()).isEqualTo(400);

        Response extra = mta.post("/api/v1/policy/check", Map.of("stage", "RCPT", "recipient", "alice@" + domain,
                "clientAddress", "192.0.2.1", "protocolVersion", 7));
        assertThat(extra.status()).isEqualTo(200);
    }

    @Test
    void decisionLogKeepsTheRealReasons() {
        String client = "198.51.100.77";
        rcpt("alice@" + domain, client, null);
        rcpt("nobody@" + domain, client, null);
        rcpt("someone@elsewhere.example", client, null);

        JsonNode log = admin.get("/api/v1/decisions?clientAddress=" + client + "&limit=3").json();
        assertThat(log.findValuesAsString("recipient")).containsExactly(
                "someone@elsewhere.example", "nobody@" + domain, "alice@" + domain);
        assertThat(log.findValuesAsString("action")).containsExactly("REJECT", "REJECT", "ACCEPT");
        assertThat(log.get(0).get("smtpCode").asInt()).isEqualTo(554);
        assertThat(log.get(0).get("checks").findValuesAsString("name")).containsExactly("recipient", "relay");
        assertThat(log.get(0).get("checks").get(1).get("detail").asString())
                .contains("elsewhere.example is not a local domain", client, "relay-networks");
        assertThat(log.get(1).get("checks").get(0).get("detail").asString())
                .contains("no account or alias reaches nobody@" + domain);
        assertThat(log.get(2).get("checks").get(0).get("detail").asString())
                .contains("alice@" + domain + " delivers to alice@" + domain + " (mailbox)");
        assertThat(log.get(0).get("stage").asString()).isEqualTo("RCPT");
        assertThat(log.get(0).get("sender").asString()).isEqualTo("sender@remote.example");
        assertThat(log.get(0).get("helo").asString()).isEqualTo("client.example");
        assertThat(log.get(0).get("time").asString()).isNotBlank();
    }

    @Test
    void decisionLogFiltersAndBounds() {
        String client = "198.51.100.78";
        rcpt("alice@" + domain, client, null);
        rcpt("bob@" + domain, client, null);

        assertThat(admin.get("/api/v1/decisions?recipient=BOB@" + domain).json().findValuesAsString("recipient"))
                .containsExactly("bob@" + domain);
        assertThat(admin.get("/api/v1/decisions?clientAddress=" + client + "&limit=1").json().size()).isEqualTo(1);
        assertThat(admin.get("/api/v1/decisions?sender=sender@remote.example&clientAddress=" + client).json().size())
                .isEqualTo(2);
        assertThat(admin.get("/api/v1/decisions?clientAddress=" + client + "&since=2999-01-01T00:00:00Z").json()
                .size()).isZero();
        assertThat(admin.get("/api/v1/decisions?limit=5000").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/decisions?limit=0").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/decisions?since=yesterday").status()).isEqualTo(400);
        assertThat(mta.get("/api/v1/decisions").status()).isEqualTo(403);
    }

    @Test
    void decisionsAreCountedByStageAndAction() {
        rcpt("nobody@" + domain, "192.0.2.1", null);
        String metrics = admin.withToken(null).get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("yubin_policy_decisions_total\\{.*action=\"REJECT\".*stage=\"RCPT\".*\\}");
        assertThat(metrics).containsPattern("yubin_policy_decisions_total\\{.*action=\"ACCEPT\".*stage=\"RCPT\".*\\}");
    }

    private JsonNode rcpt(String recipient, String client, String saslUsername) {
        Map<String, Object> request = new HashMap<>();
        request.put("stage", "RCPT");
        request.put("queueId", "Q" + Long.toHexString(System.nanoTime()));
        request.put("clientAddress", client);
        request.put("helo", "client.example");
        request.put("sender", "sender@remote.example");
        request.put("recipient", recipient);
        request.put("saslUsername", saslUsername);
        Response response = mta.post("/api/v1/policy/check", request);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private void alias(String name, String... targets) {
        Response response = admin.post("/api/v1/aliases", Map.of("address", name + "@" + domain, "targets",
                List.of(targets)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private static List<String> recipients(JsonNode decision) {
        return decision.get("recipients").values().stream()
                .map(r -> r.get("address").asString() + (r.get("local").asBoolean() ? " local" : " remote"))
                .toList();
    }
}
