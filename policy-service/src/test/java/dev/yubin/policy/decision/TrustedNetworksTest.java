package dev.yubin.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yubin.core.policy.Action;
import dev.yubin.core.policy.PolicyCheck;
import dev.yubin.core.policy.PolicyDecision;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clients in yubin.policy.trusted-networks skip the reputation checks, never recipient validity or relay control. */
class TrustedNetworksTest {

    private static final SmtpReply BAD_HELO = new SmtpReply(550, "5.7.1", "Helo command rejected");

    private final List<String> ran = new ArrayList<>();
    private final TrustedNetworks trusted = new TrustedNetworks(List.of("127.0.0.1/32", "2001:db8::/32"));

    /** A check that refuses everything it is asked, and says whether it judges reputation. */
    private record Refusing(String name, Stage stage, boolean judgesReputation, List<String> ran) implements Check {
        @Override
        public Verdict evaluate(PolicyRequest request) {
            ran.add(name);
            return Verdict.reject(name.equals("relay") ? SmtpReply.RELAY_DENIED : BAD_HELO, name + " says no");
        }
    }

    @Test
    void aTrustedClientSkipsTheReputationChecksAndTheTrailSaysSo() {
        PolicyEngine engine = engine(new Refusing("helo", Stage.HELO, true, ran));

        PolicyDecision decision = engine.decide(helo("127.0.0.1", "vm"));

        assertThat(decision.action()).isEqualTo(Action.ACCEPT);
        assertThat(ran).isEmpty();
        assertThat(decision.checks()).containsExactly(new PolicyCheck("trusted-network", "DUNNO",
                "client 127.0.0.1 is in trusted network 127.0.0.1/32: skipped helo"));
    }

    @Test
    void anAuthenticationResultIsStillRecordedForATrustedClientButNeverEnforced() {
        Check spf = new Check() {
            @Override
            public String name() {
                return "spf";
            }

            @Override
            public Stage stage() {
                return Stage.MAIL;
            }

            @Override
            public boolean judgesReputation() {
                return true;
            }

            @Override
            public boolean yieldsAuthenticationResult() {
                return true;
            }

            @Override
            public Verdict evaluate(PolicyRequest request) {
                return Verdict.reject(new SmtpReply(550, "5.7.23", "SPF validation failed"),
                        "spf=fail (mailfrom=a@remote.example, ip=" + request.clientAddress() + ")");
            }
        };
        PolicyEngine engine = engine(spf, new Refusing("sender-domain", Stage.MAIL, true, ran));
        PolicyRequest mail = new PolicyRequest(Stage.MAIL, "Q1", "127.0.0.1", null, "vm", "a@remote.example",
                null, null, null);

        PolicyDecision decision = engine.decide(mail);

        assertThat(decision.action()).isEqualTo(Action.ACCEPT);
        assertThat(decision.checks()).extracting(PolicyCheck::name).containsExactly("trusted-network", "spf");
        assertThat(decision.checks().get(1)).isEqualTo(new PolicyCheck("spf", "DUNNO",
                "spf=fail (mailfrom=a@remote.example, ip=127.0.0.1) [not enforced: trusted network 127.0.0.1/32]"));
        assertThat(engine.decide(new PolicyRequest(Stage.MAIL, "Q2", "127.0.0.2", null, "vm", "a@remote.example",
                null, null, null)).smtpCode()).isEqualTo(550);
    }

    @Test
    void anyOtherClientIsJudged() {
        PolicyEngine engine = engine(new Refusing("helo", Stage.HELO, true, ran));

        assertThat(engine.decide(helo("127.0.0.2", "vm")).action()).isEqualTo(Action.REJECT);
        assertThat(engine.decide(helo("2001:db9::1", "vm")).action()).isEqualTo(Action.REJECT);
        assertThat(engine.decide(helo("2001:db8::25", "vm")).action()).isEqualTo(Action.ACCEPT);
        assertThat(ran).containsExactly("helo", "helo");
    }

    @Test
    void relayControlAndRecipientChecksStillApplyToATrustedClient() {
        PolicyEngine engine = engine(new Refusing("greylist", Stage.RCPT, true, ran),
                new Refusing("relay", Stage.RCPT, false, ran));

        PolicyDecision decision = engine.decide(new PolicyRequest(Stage.RCPT, "Q1", "127.0.0.1", null, "vm",
                "someone@remote.example", "bob@elsewhere.example", null, null));

        assertThat(decision.smtpCode()).isEqualTo(554);
        assertThat(ran).containsExactly("relay");
    }

    @Test
    void noTrustedNetworksByDefaultAndABadOneStopsStartup() {
        PolicyEngine engine = new PolicyEngine(List.of(new Refusing("helo", Stage.HELO, true, ran)), (r, d) -> {});
        assertThat(engine.decide(helo("127.0.0.1", "vm")).action()).isEqualTo(Action.REJECT);
        assertThat(new TrustedNetworks(null).networkOf("127.0.0.1")).isEmpty();
        assertThat(trusted.networkOf("not an address")).isEmpty();
        assertThatThrownBy(() -> new TrustedNetworks(List.of("127.0.0.1/8")))
                .hasMessageContaining("yubin.policy.trusted-networks");
    }

    private PolicyEngine engine(Check... checks) {
        return new PolicyEngine(List.of(checks), (request, decision) -> {}, trusted);
    }

    private static PolicyRequest helo(String client, String helo) {
        return new PolicyRequest(Stage.HELO, null, client, null, helo, null, null, null, null);
    }

}
