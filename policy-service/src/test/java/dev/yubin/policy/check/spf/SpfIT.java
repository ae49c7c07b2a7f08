package dev.yubin.policy.check.spf;

import static dev.yubin.policy.support.Decisions.detail;
import static dev.yubin.policy.support.Decisions.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.Decisions;
import dev.yubin.policy.support.PolicyServiceIT;
import dev.yubin.policy.support.TestDns;
import dev.yubin.core.fixtures.TestDnsServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;

/** MAIL FROM of the inbound path: SPF and the sender domain, against the shared test DNS server. */
@PolicyServiceIT
class SpfIT {

    private static final String CLIENT = "198.19.30.1";

    @LocalServerPort
    int port;

    Decisions decisions;

    @BeforeAll
    static void records() {
        TestDnsServer dns = TestDns.server();
        dns.txt("pass.spf-it.test", "v=spf1 ip4:198.19.30.0/24 -all").mx("pass.spf-it.test", 10, "mx.pass.spf-it.test");
        dns.txt("fail.spf-it.test", "v=spf1 ip4:192.0.2.1 -all").a("fail.spf-it.test", "192.0.2.1");
        dns.txt("soft.spf-it.test", "v=spf1 ~all").a("soft.spf-it.test", "192.0.2.2");
        dns.silence("slow.spf-it.test");
        dns.txt("nomail.spf-it.test", "no SPF here").mx("nomail.spf-it.test", 0, ".");
        dns.txt("noaddr.spf-it.test", "not an SPF record");
        dns.txt("flaky.spf-it.test", "not an SPF record").silence("flaky.spf-it.test", Type.A)
                .silence("flaky.spf-it.test", Type.AAAA);
    }

    @BeforeEach
    void setUp() {
        decisions = new Decisions(port);
    }

    private JsonNode mail(String sender) {
        return decisions.mail(CLIENT, "mx.sender.example", sender);
    }

    @Test
    void passAndSoftfailAreAcceptedAndRecorded() {
        JsonNode pass = mail("<alice@pass.spf-it.test>");
        assertThat(reply(pass)).isEqualTo("250 2.1.0 Ok");
        assertThat(detail(pass, "spf")).startsWith("spf=pass (mailfrom=alice@pass.spf-it.test, ip=" + CLIENT + ")");

        JsonNode soft = mail("<alice@soft.spf-it.test>");
        assertThat(reply(soft)).isEqualTo("250 2.1.0 Ok");
        assertThat(detail(soft, "spf")).startsWith("spf=softfail");
        assertThat(detail(decisions.log(CLIENT).get(0), "spf")).startsWith("spf=softfail");
    }

    @Test
    void failIs550() {
        JsonNode fail = mail("<alice@fail.spf-it.test>");
        assertThat(fail.get("action").asString()).isEqualTo("REJECT");
        assertThat(reply(fail)).isEqualTo("550 5.7.23 SPF validation failed");
        assertThat(detail(fail, "spf")).startsWith("spf=fail");
    }

    @Test
    void dnsServerNotAnsweringIs451() {
        JsonNode temperror = mail("<alice@slow.spf-it.test>");
        assertThat(temperror.get("action").asString()).isEqualTo("TEMPFAIL");
        assertThat(reply(temperror)).isEqualTo("451 4.7.24 SPF validation error, try again later");
        assertThat(detail(temperror, "spf")).startsWith("spf=temperror");
    }

    @Test
    void senderDomainMustResolve() {
        JsonNode missing = mail("<alice@missing.spf-it.test>");
        assertThat(reply(missing)).isEqualTo("550 5.1.8 Sender address rejected: Domain not found");
        assertThat(detail(missing, "sender-domain")).contains("NXDOMAIN");

        assertThat(reply(mail("<alice@noaddr.spf-it.test>"))).startsWith("550 5.1.8");
        assertThat(reply(mail("<alice@nomail.spf-it.test>"))).startsWith("550 5.7.27");

        JsonNode flaky = mail("<alice@flaky.spf-it.test>");
        assertThat(flaky.get("action").asString()).isEqualTo("TEMPFAIL");
        assertThat(reply(flaky)).startsWith("451 4.1.8");
    }

    @Test
    void nullSenderIsCheckedByHeloAndOurOwnDomainsNeedNoDns() {
        JsonNode bounce = decisions.mail(CLIENT, "pass.spf-it.test", "<>");
        assertThat(reply(bounce)).isEqualTo("250 2.1.0 Ok");
        assertThat(detail(bounce, "spf")).startsWith("spf=pass (helo=pass.spf-it.test");

        String domain = Api.uniqueDomain();
        Api.onPort(port).post("/api/v1/domains", Map.of("name", domain));
        JsonNode local = mail("<someone@" + domain + ">");
        assertThat(reply(local)).isEqualTo("250 2.1.0 Ok");
        assertThat(detail(local, "sender-domain")).contains("one of our domains");
    }
}
