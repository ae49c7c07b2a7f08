package dev.yubin.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.PolicyServiceIT;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Clients inside yubin.mta.relay-networks may relay to foreign domains without AUTH. */
@PolicyServiceIT
@TestPropertySource(properties = "yubin.mta.relay-networks=192.0.2.0/24,2001:db8::/32")
class RelayNetworksIT {

    @LocalServerPort
    int port;

    @Test
    void clientInsideARelayNetworkMayRelay() {
        for (String client : new String[] {"192.0.2.7", "2001:db8::25", "::ffff:192.0.2.8"}) {
            JsonNode decision = rcpt("Friend@Remote.example", client);
            assertThat(decision.get("action").asString()).as(client).isEqualTo("ACCEPT");
            assertThat(decision.get("smtpCode").asInt()).isEqualTo(250);
            assertThat(decision.get("recipients").get(0).get("address").asString()).isEqualTo("Friend@remote.example");
            assertThat(decision.get("recipients").get(0).get("local").asBoolean()).isFalse();
            assertThat(decision.get("checks").get(1).get("detail").asString()).contains("in relay network");
        }
    }

    @Test
    void clientOutsideIsStillDenied() {
        for (String client : new String[] {"192.0.3.1", "2001:db9::1", "127.0.0.1", "not-an-ip", ""}) {
            JsonNode decision = rcpt("friend@remote.example", client);
            assertThat(decision.get("smtpCode").asInt()).as(client).isEqualTo(554);
            assertThat(decision.get("enhancedCode").asString()).isEqualTo("5.7.1");
        }
    }

    private JsonNode rcpt(String recipient, String client) {
        return Api.onPort(port).withToken(Api.INTERNAL_TOKEN).post("/api/v1/policy/check",
                Map.of("stage", "RCPT", "clientAddress", client, "recipient", recipient)).json();
    }
}
