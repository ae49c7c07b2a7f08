package dev.yubin.policy.check.recipient;

import dev.yubin.core.address.MailAddress;

/** The RCPT TO path as listeners pass it: with or without angle brackets. */
final class RecipientPaths {

    private RecipientPaths() {}

    /** @throws dev.yubin.core.address.AddressException when it is no mailbox */
    static MailAddress parse(String path) {
        String candidate = path == null ? "" : path.strip();
        if (candidate.length() >= 2 && candidate.startsWith("<") && candidate.endsWith(">")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        return MailAddress.parse(candidate);
    }
}
