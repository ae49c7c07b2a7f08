package dev.yubin.mta.relay;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Record headers the relay adds to the envelope headers of a retry record (CONTRACT §4). Readers
 * that do not know them ignore them.
 */
final class RelayHeaders {

    /** Attempts made so far; absent on a first delivery. */
    static final String ATTEMPTS = "yubin-relay-attempts";
    /** ISO-8601 instant before which the record must not be tried. */
    static final String NOT_BEFORE = "yubin-relay-not-before";
    /** Present once the sender has had the one "delayed" DSN. */
    static final String WARNED = "yubin-relay-warned";

    private RelayHeaders() {}

    static int attempts(Headers headers) {
        String value = text(headers, ATTEMPTS);
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static Instant notBefore(Headers headers) {
        String value = text(headers, NOT_BEFORE);
        try {
            return value == null ? Instant.MIN : Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.MIN;
        }
    }

    static boolean warned(Headers headers) {
        return headers.lastHeader(WARNED) != null;
    }

    static void put(Headers headers, int attempts, Instant notBefore, boolean warned) {
        headers.add(ATTEMPTS, Integer.toString(attempts).getBytes(StandardCharsets.US_ASCII));
        headers.add(NOT_BEFORE, notBefore.toString().getBytes(StandardCharsets.US_ASCII));
        if (warned) {
            headers.add(WARNED, "true".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }
}
