package dev.yubin.core.policy;

import java.util.List;

/**
 * The answer of {@code POST /api/v1/policy/check}. {@code message} is the generic text the
 * SMTP client may see; the real reasons are in {@code checks} and the decision log.
 * {@code recipients} is filled for an accepted RCPT: the mailboxes and remote addresses it
 * expands to. {@code folder} is set on an ACCEPT at DATA that files the message elsewhere than
 * the INBOX (a DMARC {@code p=quarantine} failure: {@value #JUNK}); null otherwise.
 */
public record PolicyDecision(
        Action action,
        int smtpCode,
        String enhancedCode,
        String message,
        List<PolicyCheck> checks,
        List<ResolvedRecipient> recipients,
        String folder) {

    /** The mailbox folder of quarantined mail. */
    public static final String JUNK = "Junk";

    /** The fields before {@code folder}. */
    public PolicyDecision(Action action, int smtpCode, String enhancedCode, String message, List<PolicyCheck> checks,
                          List<ResolvedRecipient> recipients) {
        this(action, smtpCode, enhancedCode, message, checks, recipients, null);
    }

    public PolicyDecision {
        checks = checks == null ? List.of() : List.copyOf(checks);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
