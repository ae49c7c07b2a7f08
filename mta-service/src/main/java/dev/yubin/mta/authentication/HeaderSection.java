package dev.yubin.mta.authentication;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The header fields of a message as byte ranges of the message itself (RFC 5322 §2.2), so that
 * fields can be read and removed while every other byte stays exactly as received. A field runs
 * from its name to the CRLF before the next line that does not start with a blank; the section
 * ends at the first empty line (or, without one, with the message).
 */
final class HeaderSection {

    /** One field: {@code message[start, end)}, its final CRLF included. */
    record Field(String name, int start, int end) {

        boolean named(String other) {
            return name.equalsIgnoreCase(other);
        }
    }

    private final byte[] message;
    private final List<Field> fields;

    private HeaderSection(byte[] message, List<Field> fields) {
        this.message = message;
        this.fields = List.copyOf(fields);
    }

    static HeaderSection of(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int at = 0;
        while (at < message.length && !lineIsEmpty(message, at)) {
            int end = nextLine(message, at);
            while (end < message.length && (message[end] == ' ' || message[end] == '\t')) {
                end = nextLine(message, end);
            }
            int colon = indexOf(message, (byte) ':', at, end);
            if (colon > at) {
                fields.add(new Field(new String(message, at, colon - at, StandardCharsets.ISO_8859_1).strip(), at, end));
            }
            // a line without a colon is no field (and no header of ours either): it stays as it is
            at = end;
        }
        return new HeaderSection(message, fields);
    }

    List<Field> fields() {
        return fields;
    }

    /** The unfolded value of a field: the text after the colon, CRLFs removed, blanks at the ends trimmed. */
    String value(Field field) {
        String raw = new String(message, field.start(), field.end() - field.start(), StandardCharsets.UTF_8);
        return raw.substring(raw.indexOf(':') + 1).replace("\r\n", "").replace("\n", "").strip();
    }

    /** Every field of that name, top to bottom. */
    List<Field> fields(String name) {
        return fields.stream().filter(f -> f.named(name)).toList();
    }

    Optional<String> first(String name) {
        return fields.stream().filter(f -> f.named(name)).findFirst().map(this::value);
    }

    /** The message with the fields that match removed; every other byte as it was. */
    byte[] without(Predicate<Field> drop) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        int copied = 0;
        for (Field field : fields) {
            if (drop.test(field)) {
                out.write(message, copied, field.start() - copied);
                copied = field.end();
            }
        }
        out.write(message, copied, message.length - copied);
        return out.toByteArray();
    }

    /**
     * The address of the first {@code From:} field, for DMARC: the last {@code <…>} of its first
     * mailbox, else the mailbox itself without comments. Empty when there is no From: field.
     */
    Optional<String> fromAddress() {
        return first("From").map(HeaderSection::firstAddress).filter(a -> !a.isEmpty());
    }

    static String firstAddress(String value) {
        String mailbox = firstMailbox(withoutComments(value));
        int open = mailbox.lastIndexOf('<');
        int close = mailbox.lastIndexOf('>');
        if (open >= 0 && close > open) {
            return mailbox.substring(open + 1, close).strip();
        }
        return mailbox.strip();
    }

    /** Up to the first comma outside a quoted string and outside angle brackets. */
    private static String firstMailbox(String value) {
        boolean quoted = false;
        boolean angle = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle = true;
            } else if (!quoted && c == '>') {
                angle = false;
            } else if (!quoted && !angle && c == ',') {
                return value.substring(0, i);
            }
        }
        return value;
    }

    /** RFC 5322 comments (nested parentheses) outside quoted strings, removed. */
    private static String withoutComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (depth == 0 && c == '"') {
                quoted = !quoted;
            }
            if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
                if (quoted && c == '\\' && i + 1 < value.length()) {
                    out.append(value.charAt(++i));
                }
            }
        }
        return out.toString();
    }

    private static boolean lineIsEmpty(byte[] message, int at) {
        return message[at] == '\n' || (message[at] == '\r' && at + 1 < message.length && message[at + 1] == '\n');
    }

    /** The index after the LF that ends the line at {@code from}, or the end of the message. */
    private static int nextLine(byte[] message, int from) {
        int lf = indexOf(message, (byte) '\n', from, message.length);
        return lf < 0 ? message.length : lf + 1;
    }

    private static int indexOf(byte[] message, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (message[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
