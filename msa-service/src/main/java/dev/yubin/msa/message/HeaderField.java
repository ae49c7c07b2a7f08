package dev.yubin.msa.message;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One header field exactly as it was sent: its name and its raw text, folding and final CRLF
 * included. The text is the octets read as ISO-8859-1, one char per octet, so that nothing is
 * lost for DKIM; {@link #value()} decodes it as UTF-8 (RFC 6532).
 */
public record HeaderField(String name, String raw) {

    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    public String lowerCaseName() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The unfolded value, without the name, the colon and the line ends. */
    public String value() {
        String text = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return text.substring(text.indexOf(':') + 1).replaceAll("\r\n(?=[ \t])", "").replaceAll("\r\n$", "");
    }
}
