package dev.yubin.core.address;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/** RFC 5321 §4.1.2 path and mailbox grammar, with RFC 6531 (SMTPUTF8) local parts and IDN domains. */
final class AddressParser {

    private static final int MAX_LOCAL_PART_OCTETS = 64;
    private static final int MAX_DOMAIN_OCTETS = 255;
    private static final int MAX_PATH_OCTETS = 256;
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    private AddressParser() {}

    static ReversePath parseReversePath(String path) {
        String inner = stripBrackets(path);
        if (inner.isEmpty()) {
            return ReversePath.NULL;
        }
        return ReversePath.of(parseMailbox(inner));
    }

    static MailAddress parseMailbox(String mailbox) {
        if (mailbox == null || mailbox.isEmpty()) {
            throw new AddressException("empty address");
        }
        if (mailbox.startsWith("@")) {
            throw new AddressException("source routes are not accepted");
        }
        if (mailbox.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_OCTETS) {
            throw new AddressException("address longer than " + MAX_PATH_OCTETS + " octets");
        }
        int at = endOfLocalPart(mailbox);
        if (at >= mailbox.length() || mailbox.charAt(at) != '@') {
            throw new AddressException("missing @domain");
        }
        String localPart = parseLocalPart(mailbox.substring(0, at));
        String domain = parseDomain(mailbox.substring(at + 1));
        return new MailAddress(localPart, domain);
    }

    static String formatLocalPart(String localPart) {
        if (isDotString(localPart)) {
            return localPart;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : localPart.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    private static String stripBrackets(String path) {
        if (path == null) {
            throw new AddressException("empty path");
        }
        String trimmed = path.strip();
        if (trimmed.startsWith("<") && trimmed.endsWith(">")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        if (trimmed.startsWith("<") || trimmed.endsWith(">")) {
            throw new AddressException("unbalanced angle brackets");
        }
        return trimmed;
    }

    /** Index of the '@' that ends the local part, skipping over a quoted string. */
    private static int endOfLocalPart(String mailbox) {
        if (!mailbox.startsWith("\"")) {
            int at = mailbox.lastIndexOf('@');
            return at < 0 ? mailbox.length() : at;
        }
        for (int i = 1; i < mailbox.length(); i++) {
            char c = mailbox.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        throw new AddressException("unterminated quoted local part");
    }

    private static String parseLocalPart(String raw) {
        if (raw.isEmpty()) {
            throw new AddressException("empty local part");
        }
        String value = raw.startsWith("\"") ? unquote(raw) : raw;
        if (!raw.startsWith("\"") && !isDotString(raw)) {
            throw new AddressException("invalid local part: " + raw);
        }
        if (value.isEmpty()) {
            throw new AddressException("empty local part");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_PART_OCTETS) {
            throw new AddressException("local part longer than " + MAX_LOCAL_PART_OCTETS + " octets");
        }
        return value;
    }

    private static String unquote(String quoted) {
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\') {
                i++;
                if (i >= quoted.length() - 1 || quoted.charAt(i) < 32 || quoted.charAt(i) > 126) {
                    throw new AddressException("invalid quoted pair in local part");
                }
                value.append(quoted.charAt(i));
            } else if (c == '"' || (c < 32) || c == 127) {
                throw new AddressException("invalid character in quoted local part");
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    private static boolean isDotString(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean atext = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ATEXT_SPECIALS.indexOf(c) >= 0 || c == '.' || c > 127;
            if (!atext) {
                return false;
            }
        }
        return true;
    }

    static String parseDomain(String raw) {
        if (raw.startsWith("[")) {
            return parseAddressLiteral(raw);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(raw, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new AddressException("invalid domain: " + raw);
        }
        if (ascii.isEmpty() || ascii.length() > MAX_DOMAIN_OCTETS || ascii.endsWith(".")) {
            throw new AddressException("invalid domain: " + raw);
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new AddressException("invalid domain: " + raw);
            }
        }
        return ascii;
    }

    private static String parseAddressLiteral(String raw) {
        if (!raw.endsWith("]")) {
            throw new AddressException("unterminated address literal");
        }
        String inner = raw.substring(1, raw.length() - 1);
        if (IPV4.matcher(inner).matches()) {
            return raw;
        }
        if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
            String v6 = inner.substring(5);
            if (IPV6_CHARS.matcher(v6).matches() && v6.contains(":") && isIpv6(v6)) {
                return "[IPv6:" + v6.toLowerCase(Locale.ROOT) + "]";
            }
        }
        throw new AddressException("invalid address literal: " + raw);
    }

    private static boolean isIpv6(String literal) {
        try {
            // Only hex digits, colons and dots reach here, so this never triggers a DNS lookup.
            return java.net.InetAddress.getByName(literal) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
