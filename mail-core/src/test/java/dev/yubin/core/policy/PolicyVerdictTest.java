package dev.yubin.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.smtp.SmtpReply;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyVerdictTest {

    private static final List<ResolvedRecipient> ALICE = List.of(new ResolvedRecipient("alice@example.test", true));

    @Test
    void acceptIs250WithTheResolvedRecipients() {
        PolicyVerdict verdict = PolicyVerdict.of(Stage.RCPT, decision(Action.ACCEPT, 250, "2.1.5", "Ok", ALICE));

        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.reply()).isEqualTo(SmtpReply.RECIPIENT_OK);
        assertThat(verdict.recipients()).isEqualTo(ALICE);
        assertThat(verdict.drop()).isFalse();
    }

    @Test
    void acceptWithoutRecipientsIsNoAnswer() {
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.ACCEPT, 250, "2.1.5", "Ok", List.of()))).isEqualTo(PolicyVerdict.UNAVAILABLE);
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.ACCEPT, 250, "2.1.5", "Ok",
                List.of(new ResolvedRecipient(null, true))))).isEqualTo(PolicyVerdict.UNAVAILABLE);
    }

    @Test
    void rejectAndTempfailCarryTheDecisionsCodes() {
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.REJECT, 550, "5.1.1", "Recipient address rejected: user unknown", List.of())).reply())
                .isEqualTo(SmtpReply.UNKNOWN_USER);
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.REJECT, 554, "5.7.1", "Relay access denied", List.of())).reply())
                .isEqualTo(SmtpReply.RELAY_DENIED);
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.TEMPFAIL, 451, "4.7.1", "Greylisted, try again later", List.of())).reply())
                .isEqualTo(new SmtpReply(451, "4.7.1", "Greylisted, try again later"));
    }

    @Test
    void aRefusalNeverBecomesAnAcceptanceWhateverItsCode() {
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.REJECT, 250, "2.0.0", "Ok", ALICE)).reply()).isEqualTo(SmtpReply.POLICY_REJECT);
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.REJECT, 451, "4.7.1", "x", List.of())).reply()).isEqualTo(SmtpReply.POLICY_REJECT);
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.TEMPFAIL, 550, "5.1.1", "x", List.of())).reply()).isEqualTo(SmtpReply.POLICY_TEMPFAIL);
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.REJECT, 550, "4.1.1", "mismatched", List.of())).reply()).isEqualTo(SmtpReply.POLICY_REJECT);
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.REJECT, 550, null, "no enhanced code", List.of())).reply()).isEqualTo(SmtpReply.POLICY_REJECT);
    }

    @Test
    void blankOrMultiLineMessagesAreMadeSafe() {
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.REJECT, 550, "5.7.1", " ", List.of())).reply())
                .isEqualTo(new SmtpReply(550, "5.7.1", SmtpReply.POLICY_REJECT.text()));
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.REJECT, 550, "5.7.1", "no\r\n250 2.0.0 Ok", List.of())).reply().text())
                .isEqualTo("no 250 2.0.0 Ok");
    }

    @Test
    void dropRepliesThenCloses() {
        PolicyVerdict verdict = PolicyVerdict.of(Stage.RCPT, decision(Action.DROP, 554, "5.7.1", "Access denied", List.of()));

        assertThat(verdict.drop()).isTrue();
        assertThat(verdict.reply()).isEqualTo(SmtpReply.POLICY_REJECT);
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.DROP, 421, "4.7.0", "Try later", List.of())).reply())
                .isEqualTo(new SmtpReply(421, "4.7.0", "Try later"));
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.DROP, 0, null, null, List.of())).reply()).isEqualTo(SmtpReply.POLICY_REJECT);
    }

    @Test
    void noDecisionOrDunnoIsATemporaryFailure() {
        assertThat(PolicyVerdict.of(Stage.RCPT, null)).isEqualTo(PolicyVerdict.UNAVAILABLE);
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(null, 250, "2.1.5", "Ok", ALICE))).isEqualTo(PolicyVerdict.UNAVAILABLE);
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.DUNNO, 250, "2.1.5", "Ok", ALICE))).isEqualTo(PolicyVerdict.UNAVAILABLE);
        assertThat(PolicyVerdict.UNAVAILABLE.reply()).isEqualTo(SmtpReply.SYSTEM_UNAVAILABLE);
    }

    @Test
    void theOtherStagesAcceptWithTheirPlain250AndNeedNoRecipients() {
        List<PolicyCheck> checks = List.of(new PolicyCheck("spf", "DUNNO", "spf=pass (mailfrom=a@remote.example, ip=192.0.2.1)"));
        PolicyDecision accept = new PolicyDecision(Action.ACCEPT, 250, "2.1.0", "Ok", checks, List.of());

        PolicyVerdict mail = PolicyVerdict.of(Stage.MAIL, accept);

        assertThat(mail.accepted()).isTrue();
        assertThat(mail.reply()).isEqualTo(SmtpReply.SENDER_OK);
        assertThat(mail.checks()).isEqualTo(checks);
        assertThat(PolicyVerdict.of(Stage.CONNECT, accept).reply()).isEqualTo(SmtpReply.OK);
        assertThat(PolicyVerdict.of(Stage.HELO, accept).reply()).isEqualTo(SmtpReply.OK);
    }

    @Test
    void aRefusalKeepsTheChecksThatLedToIt() {
        List<PolicyCheck> checks = List.of(new PolicyCheck("dnsbl", "REJECT", "bl.test lists it"));
        PolicyVerdict verdict = PolicyVerdict.of(Stage.CONNECT,
                new PolicyDecision(Action.REJECT, 554, "5.7.1", "Access denied", checks, List.of()));

        assertThat(verdict.reply()).isEqualTo(SmtpReply.POLICY_REJECT);
        assertThat(verdict.checks()).isEqualTo(checks);
        assertThat(verdict.recipients()).isEmpty();
    }

    private static PolicyDecision decision(Action action, int code, String enhanced, String message,
                                           List<ResolvedRecipient> recipients) {
        return new PolicyDecision(action, code, enhanced, message, List.of(), recipients);
    }
}
