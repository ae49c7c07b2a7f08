package dev.yubin.policy.check.ptr;

import static dev.yubin.policy.support.Decisions.detail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Decisions;
import dev.yubin.policy.support.PolicyServiceIT;
import dev.yubin.policy.support.TestDns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** FCrDNS at CONNECT with the default settings: always logged, never refusing. */
@PolicyServiceIT
class ReverseDnsIT {

    @LocalServerPort
    int port;

    Decisions decisions;

    @BeforeEach
    void setUp() {
        decisions = new Decisions(port);
    }

    @Test
    void passMissingAndMismatchingPtrAreLogged() {
        TestDns.server().ptr("198.19.20.1", "mx.fcrdns.test").a("mx.fcrdns.test", "198.19.20.1");
        TestDns.server().ptr("198.19.20.3", "elsewhere.fcrdns.test").a("elsewhere.fcrdns.test", "198.19.20.99");

        JsonNode pass = decisions.connect("198.19.20.1");
        JsonNode missing = decisions.connect("198.19.20.2");
        JsonNode mismatch = decisions.connect("198.19.20.3");

        for (JsonNode decision : new JsonNode[] {pass, missing, mismatch}) {
            assertThat(decision.get("action").asString()).isEqualTo("ACCEPT");
        }
        assertThat(detail(pass, "ptr"))
                .isEqualTo("fcrdns=pass: 198.19.20.1 has PTR mx.fcrdns.test, which resolves back");
        assertThat(detail(missing, "ptr")).startsWith("fcrdns=none: no PTR for 198.19.20.2");
        assertThat(detail(mismatch, "ptr")).startsWith("fcrdns=mismatch").contains("elsewhere.fcrdns.test",
                "198.19.20.99");
        assertThat(detail(decisions.log("198.19.20.3").get(0), "ptr")).startsWith("fcrdns=mismatch");
    }
}
