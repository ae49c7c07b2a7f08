package dev.yubin.mta.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.policy.Action;
import dev.yubin.core.policy.PolicyDecision;
import dev.yubin.core.policy.ResolvedRecipient;
import dev.yubin.core.smtp.SmtpReply;
import java.util.List;
import org.junit.jupiter.api.Test;

class RcptVerdictTest {

    private static final List<ResolvedRecipient> ALICE = List.of(new ResolvedRecipient("alice@example.test", true));

    @Test
    void acceptIs250WithTheResolvedRecipients() {
        RcptVerdict verdict = RcptVerdict.of(decision(Action.ACCEPT, 250, "2.1.5", "Ok", ALICE));

        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.reply()).isEqualTo(SmtpReply.RECIPIENT_OK);
        assertThat(verdict.recipients()).isEqualTo(ALICE);
        assertThat(verdict.drop()).isFalse();
    }

    @Test
    void acceptWithoutRecipientsIsNoAnswer() {
        assertThat(RcptVerdict.of(decision(Action.ACCEPT, 250, "2.1.5", "Ok", List.of()))).isEqualTo(RcptVerdict.UNAVAILABLE);
        assertThat(RcptVerdict.of(decision(Action.ACCEPT, 250, "2.1.5", "Ok",
                List.of(new ResolvedRecipient(null, true))))).isEqualTo(RcptVerdict.UNAVAILABLE);
    }

    @Test
    void rejectAndTempfailCarryTheDecisionsCodes() {
        assertThat(RcptVerdict.of(decision(Action.REJECT, 550, "5.1.1", "Recipient address rejected: user unknown", List.of())).reply())
                .isEqualTo(SmtpReply.UNKNOWN_USER);
        assertThat(RcptVerdict.of(decision(Action.REJECT, 554, "5.7.1", "Relay access denied", List.of())).reply())
                .isEqualTo(SmtpReply.RELAY_DENIED);
        assertThat(RcptVerdict.of(decision(Action.TEMPFAIL, 451, "4.7.1", "Greylisted, try again later", List.of())).reply())
                .isEqualTo(new SmtpReply(451, "4.7.1", "Greylisted, try again later"));
    }

    @Test
    void aRefusalNeverBecomesAnAcceptanceWhateverItsCode() {
        assertThat(RcptVerdict.of(decision(Action.REJECT, 250, "2.0.0", "Ok", ALICE)).reply()).isEqualTo(SmtpReply.POLICY_REJECT);
        assertThat(RcptVerdict.of(decision(Action.REJECT, 451, "4.7.1", "x", List.of())).reply()).isEqualTo(SmtpReply.POLICY_REJECT);
        assertThat(RcptVerdict.of(decision(Action.TEMPFAIL, 550, "5.1.1", "x", List.of())).reply()).isEqualTo(SmtpReply.POLICY_TEMPFAIL);
        assertThat(RcptVerdict.of(decision(Action.REJECT, 550, "4.1.1", "mismatched", List.of())).reply()).isEqualTo(SmtpReply.POLICY_REJECT);
        assertThat(RcptVerdict.of(decision(Action.REJECT, 550, null, "no enhanced code", List.of())).reply()).isEqualTo(SmtpReply.POLICY_REJECT);
    }

    @Test
    void blankOrMultiLineMessagesAreMadeSafe() {
        assertThat(RcptVerdict.of(decision(Action.REJECT, 550, "5.7.1", " ", List.of())).reply())
                .isEqualTo(new SmtpReply(550, "5.7.1", SmtpReply.POLICY_REJECT.text()));
        assertThat(RcptVerdict.of(decision(Action.REJECT, 550, "5.7.1", "no\r\n250 2.0.0 Ok", List.of())).reply().text())
                .isEqualTo("no 250 2.0.0 Ok");
    }

    @Test
    void dropRepliesThenCloses() {
        RcptVerdict verdict = RcptVerdict.of(decision(Action.DROP, 554, "5.7.1", "Access denied", List.of()));

        assertThat(verdict.drop()).isTrue();
        assertThat(verdict.reply()).isEqualTo(SmtpReply.POLICY_REJECT);
        assertThat(RcptVerdict.of(decision(Action.DROP, 421, "4.7.0", "Try later", List.of())).reply())
                .isEqualTo(new SmtpReply(421, "4.7.0", "Try later"));
        assertThat(RcptVerdict.of(decision(Action.DROP, 0, null, null, List.of())).reply()).isEqualTo(SmtpReply.POLICY_REJECT);
    }

    @Test
    void noDecisionOrDunnoIsATemporaryFailure() {
        assertThat(RcptVerdict.of(null)).isEqualTo(RcptVerdict.UNAVAILABLE);
        assertThat(RcptVerdict.of(decision(null, 250, "2.1.5", "Ok", ALICE))).isEqualTo(RcptVerdict.UNAVAILABLE);
        assertThat(RcptVerdict.of(decision(Action.DUNNO, 250, "2.1.5", "Ok", ALICE))).isEqualTo(RcptVerdict.UNAVAILABLE);
        assertThat(RcptVerdict.UNAVAILABLE.reply()).isEqualTo(SmtpReply.SYSTEM_UNAVAILABLE);
    }

    private static PolicyDecision decision(Action action, int code, String enhanced, String message,
                                           List<ResolvedRecipient> recipients) {
        return new PolicyDecision(action, code, enhanced, message, List.of(), recipients);
    }
}
