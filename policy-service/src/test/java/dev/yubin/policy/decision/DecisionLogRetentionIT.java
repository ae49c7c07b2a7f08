package dev.yubin.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.PolicyServiceIT;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@PolicyServiceIT
class DecisionLogRetentionIT {

    @LocalServerPort
    int port;

    @Autowired
    DecisionLog decisionLog;

    @Autowired
    DecisionLogRetention retention;

    @Test
    void purgeDeletesOnlyDecisionsOlderThanTheCutoff() {
        Api api = Api.onPort(port);
        String client = "203.0.113.200";
        api.post("/api/v1/policy/check", Map.of("stage", "CONNECT", "clientAddress", client));
        Instant first = Instant.parse(decisions(api, client).get(0).get("time").asString());
        api.post("/api/v1/policy/check", Map.of("stage", "HELO", "clientAddress", client));

        // With the default 30 days nothing recent goes.
        retention.purge();
        assertThat(decisions(api, client).size()).isEqualTo(2);

        assertThat(decisionLog.purgeOlderThan(first.plusNanos(1_000))).isGreaterThanOrEqualTo(1);
        assertThat(decisions(api, client).findValuesAsString("stage")).containsExactly("HELO");
    }

    private static JsonNode decisions(Api api, String client) {
        return api.get("/api/v1/decisions?clientAddress=" + client).json();
    }
}
