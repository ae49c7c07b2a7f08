package dev.yubin.core.address;

import java.util.Optional;

/**
 * The MAIL FROM path: a mailbox, or the null path {@code <>} used by bounces (RFC 5321 §4.5.5),
 * to which we must never send a bounce.
 */
public record ReversePath(Optional<MailAddress> mailbox) {

    public static final ReversePath NULL = new ReversePath(Optional.empty());

    public static ReversePath of(MailAddress mailbox) {
        return new ReversePath(Optional.of(mailbox));
    }

    /** Parses {@code <>}, {@code <a@b>} or a bare {@code a@b}; refuses source routes. */
    public static ReversePath parse(String path) {
        return AddressParser.parseReversePath(path);
    }

    public boolean isNull() {
        return mailbox.isEmpty();
    }

    /** The address without brackets, or the empty string for the null path. */
    public String address() {
        return mailbox.map(MailAddress::toString).orElse("");
    }

    @Override
    public String toString() {
        return "<" + address() + ">";
    }
}
