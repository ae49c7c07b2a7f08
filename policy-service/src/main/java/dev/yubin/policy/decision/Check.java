package dev.yubin.policy.decision;

import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;

/**
 * One policy check. The engine calls the checks of a request's stage in {@code @Order}, records
 * every verdict, and answers with the first one that is not DUNNO.
 */
public interface Check {

    /** A short, stable name for the decision log, e.g. {@code recipient}. */
    String name();

    Stage stage();

    Verdict evaluate(PolicyRequest request);
}
