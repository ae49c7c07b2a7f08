package dev.yubin.core.policy;

import dev.yubin.core.smtp.SmtpReply;
import java.util.List;

/**
 * What to answer at one SMTP stage, decided by the policy service: the one reading of a
 * {@link PolicyDecision} for the MTA's port 25 and the MSA's submission ports alike.
 *
 * @param reply      the SMTP reply: the stage's plain 250 when accepted
 * @param drop       close the connection after the reply
 * @param recipients at RCPT, for an accepted recipient: where it goes after alias expansion
 * @param checks     every check's verdict as the decision reported it (the SPF result of MAIL...);
 *                   empty when there was no answer
 * @param folder     at DATA, for an accepted message: the mailbox folder to file it in instead of
 *                   the INBOX (DMARC quarantine: Junk); null otherwise
 */
public record PolicyVerdict(SmtpReply reply, boolean drop, List<ResolvedRecipient> recipients,
                            List<PolicyCheck> checks, String folder) {

    public PolicyVerdict(SmtpReply reply, boolean drop, List<ResolvedRecipient> recipients, List<PolicyCheck> checks) {
        this(reply, drop, recipients, checks, null);
    }

    /** No usable answer: the client must try again later, and we must never accept in doubt. */
    public static final PolicyVerdict UNAVAILABLE =
            new PolicyVerdict(SmtpReply.SYSTEM_UNAVAILABLE, false, List.of(), List.of());

    public PolicyVerdict {
        recipients = List.copyOf(recipients);
        checks = List.copyOf(checks);
    }

    public PolicyVerdict(SmtpReply reply, boolean drop, List<ResolvedRecipient> recipients) {
        this(reply, drop, recipients, List.of());
    }

    public boolean accepted() {
        return reply.isPositive();
    }

    /**
     * Maps a decision to a reply. A REJECT is always 5xx and a TEMPFAIL always 4xx, whatever
     * code the decision carries; an ACCEPT at RCPT that says nothing of where the mail goes is
     * no answer. An accepted stage gets our plain 250 for it, not a text of the decision's.
     */
    public static PolicyVerdict of(Stage stage, PolicyDecision decision) {
        if (decision == null || decision.action() == null) {
            return UNAVAILABLE;
        }
        List<PolicyCheck> checks = decision.checks();
        return switch (decision.action()) {
            case ACCEPT -> accept(stage, decision);
            case REJECT -> new PolicyVerdict(reply(decision, 5, SmtpReply.POLICY_REJECT), false, List.of(), checks);
            case TEMPFAIL -> new PolicyVerdict(reply(decision, 4, SmtpReply.POLICY_TEMPFAIL), false, List.of(), checks);
            case DROP -> new PolicyVerdict(dropReply(decision), true, List.of(), checks);
            case DUNNO -> UNAVAILABLE;
        };
    }

    private static PolicyVerdict accept(Stage stage, PolicyDecision decision) {
        return switch (stage) {
            case RCPT -> saysWhereTo(decision)
                    ? new PolicyVerdict(SmtpReply.RECIPIENT_OK, false, decision.recipients(), decision.checks())
                    : UNAVAILABLE;
            case MAIL -> new PolicyVerdict(SmtpReply.SENDER_OK, false, List.of(), decision.checks());
            case CONNECT, HELO -> new PolicyVerdict(SmtpReply.OK, false, List.of(), decision.checks());
            case DATA -> new PolicyVerdict(SmtpReply.OK, false, List.of(), decision.checks(), decision.folder());
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
