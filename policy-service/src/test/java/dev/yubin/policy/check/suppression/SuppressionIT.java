package dev.yubin.policy.check.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.Decisions;
import dev.yubin.policy.support.PolicyServiceIT;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The suppression list over HTTP, and the RCPT check of submissions that reads it. */
@PolicyServiceIT
class SuppressionIT {

    @LocalServerPort
    int port;

    Api admin;
    Api mta;
    Decisions decisions;
    String domain;
    String remote;

    @BeforeEach
    void setUp() {
        admin = Api.onPort(port);
        mta = admin.withToken(Api.INTERNAL_TOKEN);
        decisions = new Decisions(port);
        domain = Api.uniqueDomain();
        remote = "r" + Api.uniqueDomain();
        admin.post("/api/v1/domains", Map.of("name", domain));
        admin.post("/api/v1/accounts", Map.of("address", "alice@" + domain, "password", "password alice"));
    }

    @Test
    void theRelayAddsABounceAndTheAdminListsAndRemovesIt() {
        Api.Response added = mta.post("/api/v1/suppressions",
                Map.of("address", "Gone@" + remote, "reason", "550 5.1.1 <Gone@" + remote + ">: no such user"));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("address").asString()).isEqualTo("Gone@" + remote);
        assertThat(added.json().get("reason").asString()).startsWith("550 5.1.1");
        assertThat(added.json().get("createdAt").asString()).isNotBlank();

        Api.Response again = mta.post("/api/v1/suppressions", Map.of("address", "gone@" + remote, "reason", "5.1.2"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("reason").asString()).isEqualTo("5.1.2");
        assertThat(again.json().get("createdAt").asString()).isEqualTo(added.json().get("createdAt").asString());

        JsonNode one = admin.get("/api/v1/suppressions?address=GONE@" + remote.toUpperCase()).json();
        assertThat(one.findValuesAsString("address")).containsExactly("gone@" + remote);
        assertThat(admin.get("/api/v1/suppressions").json().findValuesAsString("address")).contains("gone@" + remote);
        assertThat(admin.get("/api/v1/suppressions?address=other@" + remote).json().size()).isZero();

        assertThat(admin.delete("/api/v1/suppressions/Gone@" + remote).status()).isEqualTo(204);
        Api.Response missing = admin.delete("/api/v1/suppressions/gone@" + remote);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.isProblem()).isTrue();
        assertThat(admin.get("/api/v1/suppressions?address=gone@" + remote).json().size()).isZero();
    }

    @Test
    void onlyTheAdminListsAndRemovesAndOnlyTokensAdd() {
        assertThat(mta.get("/api/v1/suppressions").status()).isEqualTo(403);
        assertThat(mta.delete("/api/v1/suppressions/x@" + remote).status()).isEqualTo(403);
        assertThat(admin.withToken(null).post("/api/v1/suppressions", Map.of("address", "x@" + remote)).status())
                .isEqualTo(401);
        assertThat(admin.post("/api/v1/suppressions", Map.of("address", "y@" + remote)).status()).isEqualTo(201);
    }

    @Test
    void badInputIs400() {
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("address", "not an address"),
                Map.of("reason", "no address"), Map.of("address", "x@" + remote, "reason", "r".repeat(1001)))) {
            Api.Response response = mta.post("/api/v1/suppressions", body);
            assertThat(response.status()).as(body.toString()).isEqualTo(400);
            assertThat(response.isProblem()).isTrue();
        }
        assertThat(admin.get("/api/v1/suppressions?address=nonsense").status()).isEqualTo(400);
    }

    @Test
    void submissionToASuppressedRemoteRecipientIsRefusedWith550() {
        mta.post("/api/v1/suppressions", Map.of("address", "gone@" + remote, "reason", "550 5.1.1 user unknown"));

        JsonNode refused = rcpt("<Gone@" + remote + ">", "alice@" + domain);
        assertThat(Decisions.reply(refused)).isEqualTo("550 5.1.1 Recipient address previously bounced");
        assertThat(refused.get("action").asString()).isEqualTo("REJECT");
        assertThat(Decisions.detail(refused, "suppression")).contains("gone@" + remote, "550 5.1.1 user unknown");
        assertThat(refused.get("checks").findValuesAsString("name")).doesNotContain("relay");

        JsonNode other = rcpt("someone@" + remote, "alice@" + domain);
        assertThat(Decisions.reply(other)).startsWith("250 2.1.5");
        assertThat(Decisions.detail(other, "suppression")).contains("not suppressed");

        admin.delete("/api/v1/suppressions/gone@" + remote);
        assertThat(Decisions.reply(rcpt("gone@" + remote, "alice@" + domain))).startsWith("250 2.1.5");
    }

    @Test
    void theInboundPathAndLocalRecipientsAreNotAffected() {
        mta.post("/api/v1/suppressions", Map.of("address", "gone@" + remote));
        mta.post("/api/v1/suppressions", Map.of("address", "alice@" + domain));

        // The MTA's inbound path (no saslUsername): relay control decides, the suppression check does not run.
        JsonNode inbound = rcpt("gone@" + remote, null);
        assertThat(Decisions.reply(inbound)).isEqualTo("554 5.7.1 Relay access denied");
        assertThat(inbound.get("checks").findValuesAsString("name")).doesNotContain("suppression");

        JsonNode local = rcpt("alice@" + domain, "alice@" + domain);
        assertThat(Decisions.reply(local)).startsWith("250 2.1.5");
        assertThat(local.get("checks").findValuesAsString("name")).doesNotContain("suppression");
    }

    private JsonNode rcpt(String recipient, String saslUsername) {
        Map<String, Object> request = new HashMap<>();
        request.put("stage", "RCPT");
        request.put("clientAddress", "203.0.113.50");
        request.put("sender", "alice@" + domain);
        request.put("recipient", recipient);
        request.put("saslUsername", saslUsername);
        return decisions.ask(request);
    }
}
