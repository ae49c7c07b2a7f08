package dev.yubin.core.envelope;

import dev.yubin.core.address.MailAddress;

/**
 * One envelope recipient: the mailbox to deliver to, and the RCPT TO address the client gave
 * (RFC 3461 ORCPT), which differs when an alias was expanded.
 */
public record Recipient(MailAddress address, MailAddress original) {

    public static Recipient of(MailAddress address) {
        return new Recipient(address, address);
    }

    public boolean isExpanded() {
        return !address.equals(original);
    }
}
