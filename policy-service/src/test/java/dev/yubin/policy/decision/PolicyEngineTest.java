package dev.yubin.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.policy.Action;
import dev.yubin.core.policy.PolicyDecision;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.ResolvedRecipient;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    private final List<PolicyDecision> recorded = new ArrayList<>();

    private record FixedCheck(String name, Stage stage, Function<PolicyRequest, Verdict> answer) implements Check {
        @Override
        public Verdict evaluate(PolicyRequest request) {
            return answer.apply(request);
        }
    }

    private PolicyEngine engine(Check... checks) {
        return new PolicyEngine(List.of(checks), (request, decision) -> recorded.add(decision));
    }

    private static PolicyRequest rcpt() {
        return PolicyRequest.rcpt("Q1", "192.0.2.1", "client.example", "a@remote.example", "b@example.test", null);
    }

    @Test
    void firstDecisiveVerdictAnswersAndLaterChecksDoNotRun() {
        List<String> ran = new ArrayList<>();
        PolicyEngine engine = engine(
                new FixedCheck("first", Stage.RCPT, r -> { ran.add("first"); return Verdict.dunno("no opinion"); }),
                new FixedCheck("second", Stage.RCPT, r -> {
                    ran.add("second");
                    return Verdict.reject(SmtpReply.UNKNOWN_USER, "really unknown");
                }),
                new FixedCheck("third", Stage.RCPT, r -> { ran.add("third"); return Verdict.dunno("never"); }),
                new FixedCheck("other-stage", Stage.MAIL, r -> { ran.add("mail"); return Verdict.dunno("never"); }));

        PolicyDecision decision = engine.decide(rcpt());

        assertThat(ran).containsExactly("first", "second");
        assertThat(decision.action()).isEqualTo(Action.REJECT);
        assertThat(decision.smtpCode()).isEqualTo(550);
        assertThat(decision.enhancedCode()).isEqualTo("5.1.1");
        assertThat(decision.message()).isEqualTo(SmtpReply.UNKNOWN_USER.text());
        assertThat(decision.checks()).extracting(c -> c.name() + "=" + c.result() + ":" + c.detail())
                .containsExactly("first=DUNNO:no opinion", "second=REJECT:really unknown");
        assertThat(recorded).containsExactly(decision);
    }

    @Test
    void acceptCarriesTheResolvedRecipients() {
        var mailbox = new ResolvedRecipient("b@example.test", true);
        PolicyDecision decision = engine(new FixedCheck("recipient", Stage.RCPT,
                r -> Verdict.accept(SmtpReply.RECIPIENT_OK, "known", List.of(mailbox)))).decide(rcpt());
        assertThat(decision.action()).isEqualTo(Action.ACCEPT);
        assertThat(decision.recipients()).containsExactly(mailbox);
    }

    @Test
    void anAcceptIntoAFolderTellsTheListenerWhereToFileTheMessage() {
        PolicyDecision decision = engine(new FixedCheck("dmarc", Stage.DATA,
                r -> Verdict.acceptInto("Junk", SmtpReply.OK, "dmarc=fail (p=quarantine dis=quarantine)")))
                .decide(new PolicyRequest(Stage.DATA, "Q1", "192.0.2.1", null, "h", "a@b.test", null, null, 10L));
        assertThat(decision.action()).isEqualTo(Action.ACCEPT);
        assertThat(decision.folder()).isEqualTo("Junk");
        assertThat(engine(new FixedCheck("quiet", Stage.DATA, r -> Verdict.dunno("fine")))
                .decide(new PolicyRequest(Stage.DATA, "Q1", "192.0.2.1", null, "h", "a@b.test", null, null, 10L))
                .folder()).isNull();
    }

    @Test
    void withoutADecisiveCheckTheStageIsAccepted() {
        PolicyDecision decision = engine(new FixedCheck("quiet", Stage.MAIL, r -> Verdict.dunno("fine")))
                .decide(new PolicyRequest(Stage.MAIL, null, "192.0.2.1", null, "h", "a@b.test", null, null, null));
        assertThat(decision.action()).isEqualTo(Action.ACCEPT);
        assertThat(decision.smtpCode()).isEqualTo(250);
        assertThat(decision.enhancedCode()).isEqualTo("2.1.0");
        assertThat(decision.checks()).hasSize(1);
    }

    @Test
    void checkThatDoesNotApplyIsSkippedAndLeavesNoTrace() {
        Check submissionOnly = new Check() {
            @Override
            public String name() {
                return "submission-only";
            }

            @Override
            public Stage stage() {
                return Stage.RCPT;
            }

            @Override
            public boolean appliesTo(PolicyRequest request) {
                return request.saslUsername() != null;
            }

            @Override
            public Verdict evaluate(PolicyRequest request) {
                return Verdict.tempfail(SmtpReply.TOO_MANY_RECIPIENTS, "over the limit");
            }
        };
        PolicyEngine engine = engine(submissionOnly, new FixedCheck("recipient", Stage.RCPT,
                r -> Verdict.accept(SmtpReply.RECIPIENT_OK, "known", List.of())));

        PolicyDecision inbound = engine.decide(rcpt());
        assertThat(inbound.action()).isEqualTo(Action.ACCEPT);
        assertThat(inbound.checks()).extracting(c -> c.name()).containsExactly("recipient");

        PolicyDecision submission = engine.decide(
                PolicyRequest.rcpt("Q2", "192.0.2.1", "client.example", "a@example.test", "b@remote.example", "a"));
        assertThat(submission.smtpCode()).isEqualTo(452);
        assertThat(submission.checks()).extracting(c -> c.name()).containsExactly("submission-only");
    }

    @Test
    void failingCheckIsATemporaryFailureNotAnAnswerOfTheClient() {
        PolicyDecision decision = engine(new FixedCheck("broken", Stage.RCPT, r -> {
            throw new IllegalStateException("database is down");
        })).decide(rcpt());
        assertThat(decision.action()).isEqualTo(Action.TEMPFAIL);
        assertThat(decision.smtpCode()).isEqualTo(451);
        assertThat(decision.enhancedCode()).isEqualTo("4.3.0");
        assertThat(decision.checks().get(0).detail()).contains("database is down");
        assertThat(decision.message()).doesNotContain("database");
    }
}
