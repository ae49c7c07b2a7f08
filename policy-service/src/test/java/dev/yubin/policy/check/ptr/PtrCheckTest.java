package dev.yubin.policy.check.ptr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yubin.core.policy.Action;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.policy.check.ptr.PtrProperties.PtrAction;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.policy.dns.ReverseDns;
import dev.yubin.core.fixtures.TestDnsServer;
import dev.yubin.policy.support.TestLookups;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PtrCheckTest {

    private final TestDnsServer dns = TestDnsServer.start();
    private final ReverseDns reverse = new ReverseDns(TestLookups.of(dns, Clock.systemUTC()));

    @BeforeEach
    void records() {
        dns.ptr("198.51.100.1", "mx.ok.test").a("mx.ok.test", "198.51.100.1");
        dns.ptr("198.51.100.2", "liar.ok.test").a("liar.ok.test", "198.51.100.200");
        dns.silence("4.100.51.198.in-addr.arpa");
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private Verdict check(PtrProperties properties, String client) {
        return new PtrCheck(reverse, properties)
                .evaluate(new PolicyRequest(Stage.CONNECT, null, client, null, null, null, null, null, null));
    }

    @Test
    void byDefaultEveryResultIsOnlyLogged() {
        PtrProperties defaults = new PtrProperties(false, PtrAction.TEMPFAIL, Stage.CONNECT);
        assertThat(check(defaults, "198.51.100.1").reason()).startsWith("fcrdns=pass");
        for (String client : new String[] {"198.51.100.2", "198.51.100.3", "198.51.100.4"}) {
            assertThat(check(defaults, client).action()).as(client).isEqualTo(Action.DUNNO);
        }
        assertThat(check(defaults, "198.51.100.2").reason()).startsWith("fcrdns=mismatch");
        assertThat(check(defaults, "198.51.100.3").reason()).startsWith("fcrdns=none");
        assertThat(check(defaults, "198.51.100.4").reason()).startsWith("fcrdns=temperror");
    }

    @Test
    void requiredRefusesPerTheAction() {
        PtrProperties reject = new PtrProperties(true, PtrAction.REJECT, Stage.CONNECT);
        PtrProperties tempfail = new PtrProperties(true, PtrAction.TEMPFAIL, Stage.CONNECT);
        PtrProperties scoreOnly = new PtrProperties(true, PtrAction.SCORE_ONLY, Stage.CONNECT);

        assertThat(check(reject, "198.51.100.1").action()).isEqualTo(Action.DUNNO);
        assertThat(check(reject, "198.51.100.2").reply().toString()).isEqualTo("550 5.7.25 Access denied");
        assertThat(check(reject, "198.51.100.3").action()).isEqualTo(Action.REJECT);
        assertThat(check(tempfail, "198.51.100.3").reply().toString()).isEqualTo("450 4.7.25 Try again later");
        assertThat(check(scoreOnly, "198.51.100.3").action()).isEqualTo(Action.DUNNO);
        // Not knowing is never a permanent refusal.
        Verdict unknown = check(reject, "198.51.100.4");
        assertThat(unknown.action()).isEqualTo(Action.TEMPFAIL);
        assertThat(unknown.reply().code()).isEqualTo(451);
    }

    @Test
    void runsAtConnectOrHeloOnly() {
        assertThat(new PtrCheck(reverse, new PtrProperties(false, PtrAction.REJECT, Stage.HELO)).stage())
                .isEqualTo(Stage.HELO);
        assertThatThrownBy(() -> new PtrProperties(false, PtrAction.REJECT, Stage.RCPT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
