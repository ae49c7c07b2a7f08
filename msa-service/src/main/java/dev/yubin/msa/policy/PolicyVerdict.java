package dev.yubin.msa.policy;

import dev.yubin.core.policy.PolicyDecision;
import dev.yubin.core.policy.ResolvedRecipient;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import java.util.List;

/**
 * What to answer at one SMTP stage of a submission, decided by the policy service's engine.
 *
 * @param reply      the SMTP reply
 * @param drop       close the connection after the reply (a DROP decision)
 * @param recipients for an accepted RCPT: the mailboxes and remote addresses it resolved to
 */
public record PolicyVerdict(SmtpReply reply, boolean drop, List<ResolvedRecipient> recipients) {

    /** No usable answer: the client must try again later; we never accept in doubt. */
    public static final PolicyVerdict UNAVAILABLE = new PolicyVerdict(SmtpReply.SYSTEM_UNAVAILABLE, false, List.of());

    public PolicyVerdict {
        recipients = List.copyOf(recipients);
    }

    public boolean accepted() {
        return reply.isPositive();
    }

    /**
     * Maps a decision to a reply. A REJECT is always 5xx and a TEMPFAIL always 4xx, whatever code
     * the decision carries; an accepted RCPT that says nothing of where the mail goes, a DUNNO or
     * no decision at all are no answer (451 4.3.0).
     */
    public static PolicyVerdict of(PolicyDecision decision, Stage stage) {
        if (decision == null || decision.action() == null) {
            return UNAVAILABLE;
        }
        return switch (decision.action()) {
            case ACCEPT -> accept(decision, stage);
            case REJECT -> new PolicyVerdict(reply(decision, 5, SmtpReply.POLICY_REJECT), false, List.of());
            case TEMPFAIL -> new PolicyVerdict(reply(decision, 4, SmtpReply.POLICY_TEMPFAIL), false, List.of());
            case DROP -> new PolicyVerdict(dropReply(decision), true, List.of());
            case DUNNO -> UNAVAILABLE;
        };
    }

    private static PolicyVerdict accept(PolicyDecision decision, Stage stage) {
        return switch (stage) {
            case MAIL -> new PolicyVerdict(SmtpReply.SENDER_OK, false, List.of());
            case RCPT -> saysWhereTo(decision)
                    ? new PolicyVerdict(SmtpReply.RECIPIENT_OK, false, decision.recipients())
                    : UNAVAILABLE;
            default -> new PolicyVerdict(SmtpReply.OK, false, List.of());
        };
    }

    private static boolean saysWhereTo(PolicyDecision decision) {
        return !decision.recipients().isEmpty()
                && decision.recipients().stream().allMatch(r -> r.address() != null && !r.address().isBlank());
    }

    private static SmtpReply dropReply(PolicyDecision decision) {
        SmtpReply reply = reply(decision, 5, null);
        return reply != null ? reply : reply(decision, 4, SmtpReply.POLICY_REJECT);
    }

    /** The decision's own reply if it is well formed and of the expected class, else the fallback. */
    private static SmtpReply reply(PolicyDecision decision, int expectedClass, SmtpReply fallback) {
        if (decision.smtpCode() / 100 != expectedClass) {
            return fallback;
        }
        String text = decision.message() == null ? "" : decision.message().replaceAll("\\p{Cntrl}+", " ").strip();
        if (text.isEmpty()) {
            text = expectedClass == 5 ? SmtpReply.POLICY_REJECT.text() : SmtpReply.POLICY_TEMPFAIL.text();
        }
        try {
            return new SmtpReply(decision.smtpCode(), decision.enhancedCode(), text);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
