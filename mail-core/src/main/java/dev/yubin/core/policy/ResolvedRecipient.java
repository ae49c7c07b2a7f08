package dev.yubin.core.policy;

/**
 * Where an accepted recipient goes after alias expansion: a local mailbox (to the MDA) or a
 * remote address (to the relay).
 */
public record ResolvedRecipient(String address, boolean local) {}
