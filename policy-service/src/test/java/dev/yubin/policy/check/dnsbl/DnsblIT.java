package dev.yubin.policy.check.dnsbl;

import static dev.yubin.policy.support.Decisions.detail;
import static dev.yubin.policy.support.Decisions.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.postfix.PostfixPolicyServer;
import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.ChecksIT;
import dev.yubin.policy.support.Decisions;
import dev.yubin.policy.support.PostfixClient;
import dev.yubin.policy.support.TestDns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** DNSBLs at CONNECT over HTTP and the Postfix socket: zones heavy=3, light=1, coded=2 (127.0.0.2/.4), threshold 3. */
@ChecksIT
class DnsblIT {

    @LocalServerPort
    int port;

    @Autowired
    PostfixPolicyServer postfix;

    Decisions decisions;

    @BeforeEach
    void setUp() {
        decisions = new Decisions(port);
    }

    /** Lists 198.18.0.{last} in the zones given. */
    private static void list(int last, String code, String... zones) {
        for (String zone : zones) {
            TestDns.server().a(last + ".0.18.198." + zone, code);
        }
    }

    @Test
    void listedClientIsRefusedWithoutBeingToldWhichListAndTheLogNamesIt() {
        list(1, "127.0.0.2", "heavy.bl.test");
        JsonNode decision = decisions.connect("198.18.0.1");

        assertThat(decision.get("action").asString()).isEqualTo("REJECT");
        assertThat(reply(decision)).isEqualTo("554 5.7.1 Access denied");
        assertThat(decision.get("message").asString()).doesNotContain("bl.test", "heavy");

        JsonNode logged = decisions.log("198.18.0.1").get(0);
        assertThat(logged.get("action").asString()).isEqualTo("REJECT");
        assertThat(detail(logged, "dnsbl")).contains("heavy.bl.test lists it [127.0.0.2] (weight 3)",
                "scores 3 of threshold 3");
    }

    @Test
    void weightsAddUpAcrossZonesToTheThreshold() {
        list(2, "127.0.0.2", "light.bl.test");
        list(3, "127.0.0.2", "light.bl.test", "coded.bl.test");
        list(4, "127.0.0.3", "light.bl.test", "coded.bl.test");   // coded counts 127.0.0.2 and .4 only

        JsonNode lightOnly = decisions.connect("198.18.0.2");
        assertThat(lightOnly.get("action").asString()).isEqualTo("ACCEPT");
        assertThat(detail(lightOnly, "dnsbl")).contains("scores 1 of threshold 3");

        JsonNode both = decisions.connect("198.18.0.3");
        assertThat(reply(both)).isEqualTo("554 5.7.1 Access denied");
        assertThat(detail(both, "dnsbl")).contains("scores 3", "light.bl.test lists it", "coded.bl.test lists it");

        JsonNode filtered = decisions.connect("198.18.0.4");
        assertThat(filtered.get("action").asString()).isEqualTo("ACCEPT");
        assertThat(detail(filtered, "dnsbl")).contains("coded.bl.test answered [127.0.0.3], not a listing code");
    }

    @Test
    void listedClientIsRefusedOverThePostfixProtocolToo() {
        list(5, "127.0.0.4", "heavy.bl.test");
        try (PostfixClient client = PostfixClient.connect(postfix.port())) {
            String action = client.ask(PostfixClient.rcpt("198.18.0.5", "mx.listed.example", "a@remote.example",
                    "b@" + Api.uniqueDomain()));
            assertThat(action).isEqualTo("554 5.7.1 Access denied");
        }
        assertThat(decisions.log("198.18.0.5").get(0).get("stage").asString()).isEqualTo("CONNECT");
    }

    @Test
    void checksAndDnsLookupsAreMeasured() {
        list(6, "127.0.0.2", "heavy.bl.test");
        decisions.connect("198.18.0.6");
        String metrics = Api.onPort(port).withToken(null).get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("yubin_policy_checks_total\\{check=\"dnsbl\",result=\"REJECT\"\\} [1-9]");
        assertThat(metrics).containsPattern("yubin_dns_lookups_seconds_count\\{status=\"FOUND\",type=\"A\"\\} [1-9]");
    }
}
