package dev.yubin.policy.decision;

import dev.yubin.core.policy.PolicyDecision;
import dev.yubin.core.policy.PolicyRequest;

/** Where the engine writes each decision: the {@link DecisionLog} (an interface so the engine tests alone). */
interface DecisionRecorder {

    void record(PolicyRequest request, PolicyDecision decision);
}
