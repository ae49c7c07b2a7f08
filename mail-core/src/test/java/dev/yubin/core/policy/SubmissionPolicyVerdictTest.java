package dev.yubin.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.smtp.SmtpReply;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the policy engine's decisions become the replies of a submission (CONTRACT §7). */
class SubmissionPolicyVerdictTest {

    @Test
    void aSenderTheAccountDoesNotOwnIs553() {
        PolicyVerdict verdict = PolicyVerdict.of(Stage.MAIL,
                decision(Action.REJECT, 553, "5.7.1", "Sender address not owned by the authenticated user"));

        assertThat(verdict.reply().toString()).isEqualTo("553 5.7.1 Sender address not owned by the authenticated user");
        assertThat(verdict.accepted()).isFalse();
    }

    @Test
    void aFromHeaderTheAccountDoesNotOwnIs550AndTheHourlyLimitIs450() {
        assertThat(PolicyVerdict.of(Stage.DATA, decision(Action.REJECT, 550, "5.7.1", "From header address not owned"))
                .reply().toString()).isEqualTo("550 5.7.1 From header address not owned");
        assertThat(PolicyVerdict.of(Stage.DATA, decision(Action.TEMPFAIL, 450, "4.7.1", "Message rate limit exceeded"))
                .reply().toString()).isEqualTo("450 4.7.1 Message rate limit exceeded");
    }

    @Test
    void anAcceptedRecipientCarriesWhereItGoesAndTheRecipientLimitIs452() {
        List<ResolvedRecipient> targets = List.of(new ResolvedRecipient("bob@example.test", true),
                new ResolvedRecipient("carol@remote.example", false));
        PolicyVerdict accepted = PolicyVerdict.of(Stage.RCPT, new PolicyDecision(Action.ACCEPT, 250, "2.1.5", "Ok", List.of(), targets));

        assertThat(accepted.reply()).isEqualTo(SmtpReply.RECIPIENT_OK);
        assertThat(accepted.recipients()).isEqualTo(targets);
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.TEMPFAIL, 452, "4.5.3", "Too many recipients"))
                .reply().toString()).startsWith("452 4.5.3");
    }

    @Test
    void acceptsAtMailAndDataAreOurOwnPositiveReplies() {
        assertThat(PolicyVerdict.of(Stage.MAIL, decision(Action.ACCEPT, 250, "2.1.0", "Ok")).reply()).isEqualTo(SmtpReply.SENDER_OK);
        assertThat(PolicyVerdict.of(Stage.DATA, decision(Action.ACCEPT, 250, "2.0.0", "Ok")).reply()).isEqualTo(SmtpReply.OK);
    }

    @Test
    void noAnswerOrANonsensicalOneIsNeverAnAcceptance() {
        assertThat(PolicyVerdict.of(Stage.MAIL, null)).isEqualTo(PolicyVerdict.UNAVAILABLE);
        assertThat(PolicyVerdict.of(Stage.DATA, decision(Action.DUNNO, 250, "2.0.0", ""))).isEqualTo(PolicyVerdict.UNAVAILABLE);
        assertThat(PolicyVerdict.of(Stage.RCPT, decision(Action.ACCEPT, 250, "2.1.5", "Ok"))).isEqualTo(PolicyVerdict.UNAVAILABLE);
        assertThat(PolicyVerdict.UNAVAILABLE.reply().toString()).startsWith("451 4.3.0");
    }

    @Test
    void aRejectIsAlways5xxAndATempfailAlways4xx() {
        assertThat(PolicyVerdict.of(Stage.MAIL, decision(Action.REJECT, 450, "4.7.1", "x")).reply())
                .isEqualTo(SmtpReply.POLICY_REJECT);
        assertThat(PolicyVerdict.of(Stage.DATA, decision(Action.TEMPFAIL, 550, "5.7.1", "x")).reply())
                .isEqualTo(SmtpReply.POLICY_TEMPFAIL);
        assertThat(PolicyVerdict.of(Stage.MAIL, decision(Action.REJECT, 553, "4.7.1", "bad enhanced code")).reply())
                .isEqualTo(SmtpReply.POLICY_REJECT);
        assertThat(PolicyVerdict.of(Stage.MAIL, decision(Action.REJECT, 553, "5.7.1", "two\r\nlines")).reply().text())
                .isEqualTo("two lines");
    }

    @Test
    void aDropClosesTheConnection() {
        PolicyVerdict verdict = PolicyVerdict.of(Stage.MAIL, decision(Action.DROP, 554, "5.7.1", "Access denied"));

        assertThat(verdict.drop()).isTrue();
        assertThat(verdict.reply().code()).isEqualTo(554);
    }

    private static PolicyDecision decision(Action action, int code, String enhanced, String message) {
        return new PolicyDecision(action, code, enhanced, message, List.of(), List.of());
    }
}
