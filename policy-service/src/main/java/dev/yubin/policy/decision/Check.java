package dev.yubin.policy.decision;

import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;

/**
 * One policy check. The engine calls the checks of a request's stage that apply to it, in
 * {@code @Order}, records every verdict, and answers with the first one that is not DUNNO.
 */
public interface Check {

    /** A short, stable name for the decision log, e.g. {@code recipient}. */
    String name();

    Stage stage();

    /**
     * Whether this check concerns the request at all. One that does not is skipped and leaves no
     * entry in the decision, so that, say, the submission checks do not show up in every decision
     * of the MTA's inbound path. Default: every request of its stage.
     */
    default boolean appliesTo(PolicyRequest request) {
        return true;
    }

    /**
     * Whether this check judges the client's reputation (lists, DNSBL, rate, PTR, HELO, SPF, sender
     * domain, greylisting) rather than what it may do (recipient validity, relay control,
     * submission limits). Reputation checks are skipped for clients in
     * {@code yubin.policy.trusted-networks} ({@link TrustedNetworks}). Default: false.
     */
    default boolean judgesReputation() {
        return false;
    }

    /**
     * Whether this reputation check also yields an authentication result that a later stage needs
     * (SPF: DMARC and Authentication-Results at DATA). For a trusted client such a check still
     * runs and its result is recorded, but it never decides. Default: false.
     */
    default boolean yieldsAuthenticationResult() {
        return false;
    }

    Verdict evaluate(PolicyRequest request);
}
