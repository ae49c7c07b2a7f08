package dev.yubin.core.address;

import java.util.Locale;

/**
 * An RFC 5321 mailbox: a local part and a domain (or an address literal such as {@code [192.0.2.1]}).
 *
 * <p>The domain is kept in its ASCII (A-label) form, lower case, so that IDN and ASCII spellings
 * of one domain compare equal. The local part keeps the case it was given: RFC 5321 makes it
 * case-sensitive, but a directory lookup uses {@link #key()}, which folds it.
 */
public record MailAddress(String localPart, String domain) {

    public MailAddress {
        if (localPart == null || localPart.isEmpty() || domain == null || domain.isEmpty()) {
            throw new AddressException("empty local part or domain");
        }
    }

    /** Parses a mailbox such as {@code alice@example.test} (no angle brackets). */
    public static MailAddress parse(String mailbox) {
        return AddressParser.parseMailbox(mailbox);
    }

    /** True for a domain of the form {@code [192.0.2.1]} or {@code [IPv6:...]}. */
    public boolean isAddressLiteral() {
        return domain.startsWith("[");
    }

    /** The case-folded form used to look an address up in the directory. */
    public String key() {
        return localPart.toLowerCase(Locale.ROOT) + "@" + domain;
    }

    /** The address as it is written in a path: the local part quoted when it needs to be. */
    @Override
    public String toString() {
        return AddressParser.formatLocalPart(localPart) + "@" + domain;
    }
}
