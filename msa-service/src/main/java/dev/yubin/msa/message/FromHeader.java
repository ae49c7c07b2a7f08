package dev.yubin.msa.message;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import java.util.List;
import java.util.Optional;

/**
 * The author of a message: the one mailbox of its one {@code From:} field (RFC 5322 §3.6.2).
 * Anything else (no From, two From fields, several authors, a group, an address that does not
 * parse) has no author we can check ownership of or sign for.
 */
public final class FromHeader {

    private FromHeader() {}

    public static Optional<MailAddress> author(MessageParts message) {
        List<HeaderField> from = message.fields("From");
        if (from.size() != 1) {
            return Optional.empty();
        }
        return address(from.get(0).value());
    }

    /** The mailbox of {@code name <addr>} or {@code addr}, comments left out. */
    static Optional<MailAddress> address(String value) {
        String bare = withoutComments(value);
        if (bare == null) {
            return Optional.empty();
        }
        int open = lastOutsideQuotes(bare, '<');
        String beforeAngle = open < 0 ? bare : bare.substring(0, open);
        if (lastOutsideQuotes(beforeAngle, ',') >= 0 || lastOutsideQuotes(beforeAngle, ':') >= 0) {
            return Optional.empty();   // several authors, or a group
        }
        String spec = bare.strip();
        if (open >= 0) {
            int close = bare.indexOf('>', open);
            if (close < 0 || !bare.substring(close + 1).isBlank()) {
                return Optional.empty();
            }
            spec = bare.substring(open + 1, close).strip();
        }
        try {
            return Optional.of(MailAddress.parse(spec));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    /** The value with each (comment) replaced by a space; null when quotes or comments do not close. */
    private static String withoutComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && (quoted || depth > 0)) {
                if (depth == 0) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (depth > 0) {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (depth == 0) {
                    out.append(' ');
                }
            } else if (c == '"') {
                quoted = !quoted;
                out.append(c);
            } else if (c == '(' && !quoted) {
                depth = 1;
            } else {
                out.append(c);
            }
        }
        return quoted || depth > 0 ? null : out.toString();
    }

    private static int lastOutsideQuotes(String text, char wanted) {
        boolean quoted = false;
        int found = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == wanted && !quoted) {
                found = i;
            }
        }
        return found;
    }
}
