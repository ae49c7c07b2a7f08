package dev.yubin.policy.check.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.fixtures.TestDnsServer;
import dev.yubin.core.policy.Action;
import dev.yubin.core.policy.DkimResult;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.policy.support.TestLookups;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DMARC against records served by a DNS server of the test on 127.0.0.1. */
class DmarcCheckTest {

    private static final TestDnsServer dns = TestDnsServer.start();

    private final DmarcCheck check = new DmarcCheck(new DmarcProperties(true), TestLookups.of(dns, Clock.systemUTC()),
            new Random(1));

    @BeforeAll
    static void records() {
        dns.txt("_dmarc.reject.test", "v=DMARC1; p=reject; rua=mailto:dmarc@reject.test");
        dns.txt("_dmarc.quarantine.test", "v=DMARC1; p=quarantine");
        dns.txt("_dmarc.none.test", "v=DMARC1; p=none");
        dns.txt("_dmarc.strict.test", "v=DMARC1; p=reject; adkim=s; aspf=s");
        dns.txt("_dmarc.parent.test", "v=DMARC1; p=none; sp=reject");
        dns.txt("_dmarc.twice.test", "v=DMARC1; p=reject").txt("_dmarc.twice.test", "v=DMARC1; p=none");
        dns.txt("_dmarc.broken.test", "v=DMARC1; p=sometimes");
        dns.txt("_dmarc.sampled.test", "v=DMARC1; p=reject; pct=0");
        dns.txt("_dmarc.other.test", "v=spf1 -all");
        dns.silence("_dmarc.slow.test");
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    private Verdict data(String from, String spfResult, String spfDomain, DkimResult... dkim) {
        return check.evaluate(new PolicyRequest(Stage.DATA, "Q1", "192.0.2.1", null, "mx.sender.example",
                "<x@" + spfDomain + ">", null, null, 100L, from, null, spfResult, spfDomain, List.of(dkim)));
    }

    @Test
    void rejectWithNeitherSpfNorDkimAlignedIs550WithAGenericTextAndTheReasonLogged() {
        Verdict verdict = data("ceo@reject.test", "pass", "attacker.example",
                new DkimResult("attacker.example", "s1", "pass"));

        assertThat(verdict.action()).isEqualTo(Action.REJECT);
        assertThat(verdict.reply().toString()).isEqualTo("550 5.7.1 Message refused by policy");
        assertThat(verdict.reason()).startsWith("dmarc=fail (p=reject dis=reject) header.from=reject.test;")
                .contains("spf=pass smtp.mailfrom=attacker.example not aligned")
                .contains("dkim=pass header.d=attacker.example not aligned");
    }

    @Test
    void anAlignedSpfPassOrAnAlignedDkimPassPasses() {
        Verdict bySpf = data("ceo@reject.test", "pass", "bounces.reject.test");
        assertThat(bySpf.action()).isEqualTo(Action.DUNNO);
        assertThat(bySpf.reason()).startsWith("dmarc=pass (p=reject) header.from=reject.test");

        Verdict byDkim = data("ceo@reject.test", "softfail", "attacker.example",
                new DkimResult("other.example", "a", "fail"), new DkimResult("mail.reject.test", "b", "pass"));
        assertThat(byDkim.action()).isEqualTo(Action.DUNNO);
        assertThat(byDkim.reason()).startsWith("dmarc=pass").contains("dkim=pass header.d=mail.reject.test aligned");
    }

    @Test
    void aFailingDkimSignatureOfTheFromDomainDoesNotCount() {
        Verdict verdict = data("ceo@reject.test", "none", null, new DkimResult("reject.test", "s", "fail"));
        assertThat(verdict.action()).isEqualTo(Action.REJECT);
    }

    @Test
    void strictAlignmentWantsTheExactDomain() {
        assertThat(data("a@strict.test", "pass", "mail.strict.test").action()).isEqualTo(Action.REJECT);
        assertThat(data("a@strict.test", "none", null, new DkimResult("sub.strict.test", "s", "pass")).action())
                .isEqualTo(Action.REJECT);
        assertThat(data("a@strict.test", "pass", "strict.test").action()).isEqualTo(Action.DUNNO);
    }

    @Test
    void quarantineAcceptsIntoTheJunkFolder() {
        Verdict verdict = data("news@quarantine.test", "fail", "quarantine.test");

        assertThat(verdict.action()).isEqualTo(Action.ACCEPT);
        assertThat(verdict.folder()).isEqualTo("Junk");
        assertThat(verdict.reply().code()).isEqualTo(250);
        assertThat(verdict.reason()).startsWith("dmarc=fail (p=quarantine dis=quarantine) header.from=quarantine.test");
    }

    @Test
    void pNoneOnlyRecordsTheFailure() {
        Verdict verdict = data("a@none.test", "none", null);
        assertThat(verdict.action()).isEqualTo(Action.DUNNO);
        assertThat(verdict.reason()).startsWith("dmarc=fail (p=none dis=none)");
    }

    @Test
    void aSubdomainWithoutItsOwnRecordGetsTheOrganizationalDomainsSubdomainPolicy() {
        Verdict verdict = data("a@shop.parent.test", "none", null);
        assertThat(verdict.action()).isEqualTo(Action.REJECT);
        assertThat(verdict.reason()).startsWith("dmarc=fail (p=reject dis=reject) header.from=shop.parent.test")
                .contains("record at _dmarc.parent.test");
        // the organizational domain itself has p=none
        assertThat(data("a@parent.test", "none", null).action()).isEqualTo(Action.DUNNO);
    }

    @Test
    void noRecordIsNoneSeveralOrABrokenOneIsPermerrorAndDnsTroubleIsTemperrorAllAccepted() {
        assertThat(data("a@nothing.test", "none", null).reason()).startsWith("dmarc=none header.from=nothing.test");
        assertThat(data("a@other.test", "none", null).reason()).startsWith("dmarc=none");
        assertThat(data("a@twice.test", "none", null).reason()).startsWith("dmarc=permerror");
        assertThat(data("a@broken.test", "none", null).reason()).startsWith("dmarc=permerror").contains("p=sometimes");
        Verdict slow = data("a@slow.test", "none", null);
        assertThat(slow.reason()).startsWith("dmarc=temperror header.from=slow.test");
        assertThat(List.of(slow.action(), data("a@twice.test", "none", null).action())).containsOnly(Action.DUNNO);
    }

    @Test
    void pctZeroAppliesTheNextMilderPolicy() {
        Verdict verdict = data("a@sampled.test", "none", null);
        assertThat(verdict.action()).isEqualTo(Action.ACCEPT);
        assertThat(verdict.folder()).isEqualTo("Junk");
        assertThat(verdict.reason()).startsWith("dmarc=fail (p=reject dis=quarantine)");
    }

    @Test
    void aFromThatIsNoAddressIsPermerrorAndNoFromIsNone() {
        assertThat(data("not an address", "none", null).reason()).startsWith("dmarc=permerror");
        assertThat(data(null, "none", null).reason()).startsWith("dmarc=none");
    }

    @Test
    void submissionsAreNotChecked() {
        PolicyRequest submission = new PolicyRequest(Stage.DATA, "Q", "192.0.2.1", null, null, "a@reject.test", null,
                "a@reject.test", 1L, "a@reject.test", null);
        assertThat(check.appliesTo(submission)).isFalse();
        assertThat(new DmarcCheck(new DmarcProperties(false), TestLookups.of(dns, Clock.systemUTC()))
                .appliesTo(new PolicyRequest(Stage.DATA, "Q", "192.0.2.1", null, null, "a@x.test", null, null, 1L)))
                .isFalse();
    }
}
