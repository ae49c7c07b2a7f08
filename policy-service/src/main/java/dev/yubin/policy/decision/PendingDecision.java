package dev.yubin.policy.decision;

import java.time.Instant;
import java.util.List;

/** A decision on its way to the database, already cut to storable lengths. */
record PendingDecision(Instant decidedAt, String stage, DecisionRecord.Question question, String action,
                       int smtpCode, String enhancedCode, String message, List<CheckEntry> checks) {

    PendingDecision {
        checks = List.copyOf(checks);
    }
}
