package dev.yubin.policy.check.helo;

import static dev.yubin.policy.support.Decisions.detail;
import static dev.yubin.policy.support.Decisions.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Decisions;
import dev.yubin.policy.support.PolicyServiceIT;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** HELO as the MTA asks it; our MTA calls itself {@value PolicyServiceIT#MTA_HOSTNAME}. */
@PolicyServiceIT
class HeloIT {

    @LocalServerPort
    int port;

    Decisions decisions;

    @BeforeEach
    void setUp() {
        decisions = new Decisions(port);
    }

    @Test
    void localhostOurOwnNameABareWordAndABareIpAre550WithAGenericText() {
        Map<String, String> refusals = Map.of(
                "localhost", "claims to be localhost",
                PolicyServiceIT.MTA_HOSTNAME.toUpperCase(), "one of our own names",
                "workstation", "not a fully qualified domain name",
                "198.19.10.1", "bare IP address");
        refusals.forEach((helo, reason) -> {
            JsonNode decision = decisions.helo("198.19.10.1", helo);
            assertThat(decision.get("action").asString()).as(helo).isEqualTo("REJECT");
            assertThat(reply(decision)).isEqualTo("550 5.7.1 Helo command rejected");
            assertThat(detail(decision, "helo")).contains(reason);
        });
    }

    @Test
    void aProperNameOrAddressLiteralPasses() {
        for (String helo : new String[] {"mail.sender.example", "[198.19.10.2]", "[IPv6:2001:db8:19::2]"}) {
            JsonNode decision = decisions.helo("198.19.10.2", helo);
            assertThat(decision.get("action").asString()).as(helo).isEqualTo("ACCEPT");
            assertThat(reply(decision)).isEqualTo("250 2.0.0 Ok");
        }
    }
}
