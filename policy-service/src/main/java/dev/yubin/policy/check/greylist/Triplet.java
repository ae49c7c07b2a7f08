package dev.yubin.policy.check.greylist;

/**
 * What greylisting remembers.
 *
 * @param clientNetwork the client's /24 (IPv4) or /64 (IPv6): big senders retry from another
 *                      address of the same farm
 * @param sender        the envelope sender, lower case; empty for {@code <>}
 * @param recipient     the recipient's lookup key
 */
record Triplet(String clientNetwork, String sender, String recipient) {}
