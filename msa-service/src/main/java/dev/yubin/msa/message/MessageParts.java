package dev.yubin.msa.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A message (RFC 5322, CRLF line ends: the listener refused bare CR and LF) split into its
 * header fields and its body. The header section ends at the empty line; a line that is no
 * header field ends it too and starts the body, as Postfix reads it.
 */
public final class MessageParts {

    private final byte[] message;
    private final List<HeaderField> fields;
    private final int bodyStart;

    private MessageParts(byte[] message, List<HeaderField> fields, int bodyStart) {
        this.message = message;
        this.fields = List.copyOf(fields);
        this.bodyStart = bodyStart;
    }

    public static MessageParts parse(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        List<HeaderField> fields = new ArrayList<>();
        int position = 0;
        while (position < text.length()) {
            if (text.startsWith("\r\n", position)) {
                return new MessageParts(message, fields, position + 2);
            }
            int colon = text.indexOf(':', position);
            int lineEnd = lineEnd(text, position);
            if (colon < 0 || colon > lineEnd || !isFieldName(text.substring(position, colon))) {
                return new MessageParts(message, fields, position);
            }
            int end = lineEnd;
            while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
                end = lineEnd(text, end);   // a folded continuation line
            }
            fields.add(new HeaderField(text.substring(position, colon).stripTrailing(), text.substring(position, end)));
            position = end;
        }
        return new MessageParts(message, fields, text.length());
    }

    /** The header fields, top to bottom. */
    public List<HeaderField> fields() {
        return fields;
    }

    public List<HeaderField> fields(String name) {
        return fields.stream().filter(field -> field.is(name)).toList();
    }

    public boolean has(String name) {
        return fields.stream().anyMatch(field -> field.is(name));
    }

    /** The octets after the empty line that ends the header section. */
    public byte[] body() {
        return Arrays.copyOfRange(message, bodyStart, message.length);
    }

    /** The whole message as given. */
    public byte[] bytes() {
        return message;
    }

    /** The index after the line's CRLF, or the end of the text. */
    private static int lineEnd(String text, int from) {
        int crlf = text.indexOf("\r\n", from);
        return crlf < 0 ? text.length() : crlf + 2;
    }

    /** RFC 5322 ftext: printable US-ASCII but the colon; trailing blanks are obsolete syntax we accept. */
    private static boolean isFieldName(String name) {
        String bare = name.stripTrailing();
        if (bare.isEmpty()) {
            return false;
        }
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            if (c < 33 || c > 126) {
                return false;
            }
        }
        return true;
    }
}
