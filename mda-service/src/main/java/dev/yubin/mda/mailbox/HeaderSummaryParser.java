package dev.yubin.mda.mailbox;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the {@link HeaderSummary} from a message's header section (RFC 5322 §2.2): the lines
 * up to the first empty one, continuation lines unfolded (§2.2.3), the first occurrence of
 * each field winning. It never fails: a message without headers just has an empty summary.
 */
final class HeaderSummaryParser {

    /** A listing needs a subject line, not a megabyte of it. */
    static final int MAX_VALUE_CHARS = 2000;

    /** Header sections beyond this are spam or garbage; the fields we want come long before. */
    private static final int MAX_HEADER_OCTETS = 1 << 20;

    /** C0 controls but TAB, and DEL. */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0A-\\x1F\\x7F]");

    private HeaderSummaryParser() {}

    static HeaderSummary parse(byte[] message) {
        Map<String, String> fields = fields(decode(message, headerSectionLength(message)));
        return new HeaderSummary(
                decodeWords(fields.get("from")),
                decodeWords(fields.get("subject")),
                trimmed(fields.get("date")),
                trimmed(fields.get("message-id")));
    }

    /** The octets before the empty line that ends the header section (or all of them). */
    private static int headerSectionLength(byte[] message) {
        int limit = Math.min(message.length, MAX_HEADER_OCTETS);
        int lineStart = 0;
        for (int i = 0; i < limit; i++) {
            if (message[i] == '\n') {
                int lineLength = i - lineStart;
                if (lineLength == 0 || (lineLength == 1 && message[lineStart] == '\r')) {
                    return lineStart;
                }
                lineStart = i + 1;
            }
        }
        return limit;
    }

    /** RFC 6532 allows UTF-8 in headers; anything else that is 8-bit is read as Latin-1. */
    private static String decode(byte[] message, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(message, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(message, 0, length, StandardCharsets.ISO_8859_1);
        }
    }

    /** Field name (lower case) to its unfolded value, first occurrence only. */
    private static Map<String, String> fields(String section) {
        Map<String, String> fields = new HashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : section.split("\r?\n", -1)) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (continuation) {
                if (name != null) {
                    value.append(line); // unfolding: drop the line break, keep the white space
                }
                continue;
            }
            if (name != null) {
                fields.putIfAbsent(name, value.toString());
            }
            int colon = line.indexOf(':');
            name = colon > 0 ? line.substring(0, colon).strip().toLowerCase(Locale.ROOT) : null;
            value.setLength(0);
            if (name != null) {
                value.append(line, colon + 1, line.length());
            }
        }
        if (name != null) {
            fields.putIfAbsent(name, value.toString());
        }
        return fields;
    }

    private static String decodeWords(String value) {
        String text = trimmed(value);
        if (text == null || !text.contains("=?")) {
            return text;
        }
        try {
            return limit(MimeUtility.decodeText(text));
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return text; // an unknown charset: show the encoded-word rather than nothing
        }
    }

    private static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        return limit(value.strip());
    }

    /**
     * Bounded, and without control characters: PostgreSQL text cannot hold NUL, and a value it
     * refuses would make the record fail forever (the consumer retries all but malformed records).
     */
    private static String limit(String value) {
        String clean = CONTROL.matcher(value).replaceAll(" ");
        return clean.length() <= MAX_VALUE_CHARS ? clean : clean.substring(0, MAX_VALUE_CHARS);
    }
}
