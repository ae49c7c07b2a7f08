package dev.yubin.policy.decision;

import dev.yubin.core.policy.PolicyCheck;
import java.time.Instant;
import java.util.List;

/**
 * One entry of {@code GET /api/v1/decisions}. {@code stage} is an SMTP stage or {@code AUTH}
 * for a failed authentication; {@code username} is the SASL user or the user that failed.
 */
record DecisionView(
        long id,
        Instant time,
        String stage,
        String queueId,
        String clientAddress,
        String clientName,
        String helo,
        String sender,
        String recipient,
        String username,
        String action,
        int smtpCode,
        String enhancedCode,
        String message,
        List<PolicyCheck> checks) {}
