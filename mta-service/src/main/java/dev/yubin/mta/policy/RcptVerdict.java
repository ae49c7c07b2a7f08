package dev.yubin.mta.policy;

import dev.yubin.core.policy.PolicyDecision;
import dev.yubin.core.policy.ResolvedRecipient;
import dev.yubin.core.smtp.SmtpReply;
import java.util.List;

/**
 * What to answer a RCPT TO, decided by the policy service.
 *
 * @param reply      the SMTP reply
 * @param drop       close the connection after the reply
 * @param recipients for an accepted recipient: where it goes after alias expansion
 */
public record RcptVerdict(SmtpReply reply, boolean drop, List<ResolvedRecipient> recipients) {

    /** No usable answer: the client must try again later, and we must never accept in doubt. */
    public static final RcptVerdict UNAVAILABLE = new RcptVerdict(SmtpReply.SYSTEM_UNAVAILABLE, false, List.of());

    public RcptVerdict {
        recipients = List.copyOf(recipients);
    }

    public boolean accepted() {
        return reply.isPositive();
    }

    /**
     * Maps a decision to a reply. A REJECT is always 5xx and a TEMPFAIL always 4xx, whatever
     * code the decision carries; an ACCEPT that says nothing of where the mail goes is no answer.
     */
    public static RcptVerdict of(PolicyDecision decision) {
        if (decision == null || decision.action() == null) {
            return UNAVAILABLE;
        }
        return switch (decision.action()) {
            case ACCEPT -> saysWhereTo(decision)
                    ? new RcptVerdict(SmtpReply.RECIPIENT_OK, false, decision.recipients())
                    : UNAVAILABLE;
            case REJECT -> new RcptVerdict(reply(decision, 5, SmtpReply.POLICY_REJECT), false, List.of());
            case TEMPFAIL -> new RcptVerdict(reply(decision, 4, SmtpReply.POLICY_TEMPFAIL), false, List.of());
            case DROP -> new RcptVerdict(dropReply(decision), true, List.of());
            case DUNNO -> UNAVAILABLE;
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
        try {
            String text = decision.message() == null || decision.message().isBlank()
                    ? fallbackText(expectedClass)
                    : oneLine(decision.message());
            return new SmtpReply(decision.smtpCode(), decision.enhancedCode(), text);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static String fallbackText(int replyClass) {
        return replyClass == 5 ? SmtpReply.POLICY_REJECT.text() : SmtpReply.POLICY_TEMPFAIL.text();
    }

    /** A reply text must not break the reply into lines the client would read as commands' answers. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\p{Cntrl}]+", " ").strip();
    }
}
