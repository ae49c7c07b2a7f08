package dev.yubin.msa.dkim;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * The "relaxed" canonicalizations of RFC 6376 §3.4.2 and §3.4.4, which survive the re-folding
 * and trailing-blank changes that relays make. Header text is ISO-8859-1 (one char per octet),
 * so UTF-8 octets pass unchanged; only SP and HTAB count as whitespace.
 */
final class Canonicalization {

    private Canonicalization() {}

    /**
     * A header field, name lower-cased, unfolded, runs of blanks made one space, blanks around
     * the colon and at the end removed; with a final CRLF.
     *
     * @param raw the field as sent: {@code Name: value CRLF}, possibly folded
     */
    static String relaxedHeader(String raw) {
        int colon = raw.indexOf(':');
        String name = trimBlanks(raw.substring(0, colon)).toLowerCase(Locale.ROOT);
        String value = raw.substring(colon + 1).replace("\r\n", "");
        return name + ":" + trimBlanks(collapseBlanks(value)) + "\r\n";
    }

    /**
     * The body with blanks at line ends removed, other runs of blanks made one space, and empty
     * lines at the end dropped; a non-empty result ends with CRLF, an empty body stays empty.
     */
    static byte[] relaxedBody(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int emptyLines = 0;
        int start = 0;
        while (start < body.length) {
            int end = lineEnd(body, start);
            int next = end + 2 <= body.length ? end + 2 : body.length;
            canonicalLine(body, start, end, line);
            if (line.size() == 0) {
                emptyLines++;
            } else {
                for (; emptyLines > 0; emptyLines--) {
                    out.write('\r');
                    out.write('\n');
                }
                out.writeBytes(line.toByteArray());
                out.write('\r');
                out.write('\n');
            }
            start = next;
        }
        return out.toByteArray();
    }

    /** The index of the CRLF that ends the line starting at {@code from}, or the end of the body. */
    private static int lineEnd(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        return body.length;
    }

    private static void canonicalLine(byte[] body, int start, int end, ByteArrayOutputStream line) {
        line.reset();
        boolean blank = false;
        for (int i = start; i < end; i++) {
            byte b = body[i];
            if (b == ' ' || b == '\t') {
                blank = true;
                continue;
            }
            if (blank) {
                line.write(' ');
                blank = false;
            }
            line.write(b);
        }
        // a blank run at the end of the line is dropped: it was never written
    }

    private static String collapseBlanks(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean blank = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                if (!blank) {
                    out.append(' ');
                }
                blank = true;
            } else {
                out.append(c);
                blank = false;
            }
        }
        return out.toString();
    }

    private static String trimBlanks(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }
}
