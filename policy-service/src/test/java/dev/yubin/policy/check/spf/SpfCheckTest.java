package dev.yubin.policy.check.spf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.policy.Action;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.core.fixtures.TestDnsServer;
import dev.yubin.policy.support.TestLookups;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SpfCheckTest {

    private static final TestDnsServer dns = TestDnsServer.start();

    private final SpfCheck check = new SpfCheck(new SpfProperties(true, SpfProperties.FailAction.REJECT),
            TestLookups.of(dns, Clock.systemUTC()));

    @BeforeAll
    static void records() {
        dns.txt("pass.spf.test", "v=spf1 ip4:192.0.2.0/24 -all");
        dns.txt("fail.spf.test", "v=spf1 ip4:198.51.100.1 -all");
        dns.txt("soft.spf.test", "v=spf1 ~all");
        dns.txt("neutral.spf.test", "v=spf1 ?all");
        dns.txt("broken.spf.test", "v=spf1 ip4:not-an-address -all");
        dns.txt("mx.spf.test", "v=spf1 mx -all").mx("mx.spf.test", 10, "in.mx.spf.test")
                .a("in.mx.spf.test", "192.0.2.7");
        dns.txt("include.spf.test", "v=spf1 include:slow.spf.test -all");
        dns.txt("helo.spf.test", "v=spf1 a -all").a("helo.spf.test", "192.0.2.8");
        dns.a("nospf.spf.test", "192.0.2.9");
        dns.silence("slow.spf.test");
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    private Verdict mail(String sender, String helo, String client) {
        return check.evaluate(new PolicyRequest(Stage.MAIL, null, client, null, helo, sender, null, null, null));
    }

    @Test
    void passAcceptsAndRecords() {
        Verdict verdict = mail("<alice@pass.spf.test>", "mx.pass.spf.test", "192.0.2.1");
        assertThat(verdict.action()).isEqualTo(Action.DUNNO);
        assertThat(verdict.reason()).startsWith("spf=pass (mailfrom=alice@pass.spf.test, ip=192.0.2.1)");
        assertThat(mail("bob@mx.spf.test", "x.example", "192.0.2.7").reason()).startsWith("spf=pass");
    }

    @Test
    void failIs550With5723() {
        Verdict verdict = mail("<alice@fail.spf.test>", "x.example", "192.0.2.1");
        assertThat(verdict.action()).isEqualTo(Action.REJECT);
        assertThat(verdict.reply().toString()).isEqualTo("550 5.7.23 SPF validation failed");
        assertThat(verdict.reason()).startsWith("spf=fail");
        assertThat(mail("<alice@mx.spf.test>", "x.example", "192.0.2.70").action()).isEqualTo(Action.REJECT);
    }

    @Test
    void failIsOnlyRecordedWhenSoConfigured() {
        SpfCheck recording = new SpfCheck(new SpfProperties(true, SpfProperties.FailAction.RECORD),
                TestLookups.of(dns, Clock.systemUTC()));
        Verdict verdict = recording.evaluate(new PolicyRequest(Stage.MAIL, null, "192.0.2.1", null, "x.example",
                "<alice@fail.spf.test>", null, null, null));
        assertThat(verdict.action()).isEqualTo(Action.DUNNO);
        assertThat(verdict.reason()).startsWith("spf=fail");
    }

    @Test
    void softfailNeutralNoneAndPermerrorAreAcceptedAndRecorded() {
        assertThat(mail("<a@soft.spf.test>", "x.example", "192.0.2.1").reason()).startsWith("spf=softfail");
        assertThat(mail("<a@neutral.spf.test>", "x.example", "192.0.2.1").reason()).startsWith("spf=neutral");
        assertThat(mail("<a@nospf.spf.test>", "x.example", "192.0.2.1").reason()).startsWith("spf=none");
        assertThat(mail("<a@nxdomain.spf.test>", "x.example", "192.0.2.1").reason()).startsWith("spf=none");
        assertThat(mail("<a@broken.spf.test>", "x.example", "192.0.2.1").reason()).startsWith("spf=permerror");
        for (String domain : new String[] {"soft", "neutral", "nospf", "broken"}) {
            assertThat(mail("<a@" + domain + ".spf.test>", "x.example", "192.0.2.1").action()).isEqualTo(Action.DUNNO);
        }
    }

    @Test
    void dnsNotAnsweringIsTemperror451() {
        Verdict direct = mail("<a@slow.spf.test>", "x.example", "192.0.2.1");
        assertThat(direct.action()).isEqualTo(Action.TEMPFAIL);
        assertThat(direct.reply().toString()).isEqualTo("451 4.7.24 SPF validation error, try again later");
        assertThat(direct.reason()).startsWith("spf=temperror");
        assertThat(mail("<a@include.spf.test>", "x.example", "192.0.2.1").action()).isEqualTo(Action.TEMPFAIL);
    }

    @Test
    void nullSenderIsJudgedByItsHeloName() {
        assertThat(mail("<>", "helo.spf.test", "192.0.2.8").reason()).startsWith("spf=pass (helo=helo.spf.test");
        assertThat(mail("<>", "helo.spf.test", "192.0.2.99").action()).isEqualTo(Action.REJECT);
        assertThat(mail("<>", "[192.0.2.99]", "192.0.2.99").reason()).startsWith("spf=none");
    }

    @Test
    void authenticatedSubmissionsAreNotChecked() {
        assertThat(check.appliesTo(new PolicyRequest(Stage.MAIL, null, "192.0.2.1", null, "x", "<a@fail.spf.test>",
                null, "alice@example.test", null))).isFalse();
    }
}
