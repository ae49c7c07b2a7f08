package dev.yubin.core.policy;

/** What the policy service tells a listener to do. DUNNO passes on to the next check. */
public enum Action {
    ACCEPT, DUNNO, TEMPFAIL, REJECT, DROP
}
