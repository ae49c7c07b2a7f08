package dev.yubin.policy.postfix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads requests of the policy delegation protocol: {@code name=value} lines ended by LF, then
 * an empty line. Lines and requests are bounded, so a peer cannot make us buffer without end;
 * anything that is not an attribute line is a violation.
 */
final class AttributeReader {

    static final int MAX_LINE = 4096;
    static final int MAX_ATTRIBUTES = 100;

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,63}");

    private final InputStream in;

    AttributeReader(InputStream in) {
        this.in = in;
    }

    /** The next request; empty at end of stream between requests. */
    Optional<Map<String, String>> next() throws IOException, ProtocolViolation {
        Map<String, String> attributes = new LinkedHashMap<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                if (attributes.isEmpty()) {
                    return Optional.empty();
                }
                throw new ProtocolViolation("connection closed inside a request");
            }
            if (line.isEmpty()) {
                if (attributes.isEmpty()) {
                    throw new ProtocolViolation("empty request");
                }
                return Optional.of(attributes);
            }
            int equals = line.indexOf('=');
            if (equals < 0 || !NAME.matcher(line.substring(0, equals)).matches()) {
                throw new ProtocolViolation("not an attribute line");
            }
            attributes.put(line.substring(0, equals), line.substring(equals + 1));
            if (attributes.size() > MAX_ATTRIBUTES) {
                throw new ProtocolViolation("more than " + MAX_ATTRIBUTES + " attributes");
            }
        }
    }

    /** One line without its LF (a CR before it is dropped too); null at end of stream before any byte. */
    private String readLine() throws IOException, ProtocolViolation {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE) {
                throw new ProtocolViolation("line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (line.size() > 0) {
            throw new ProtocolViolation("connection closed inside a line");
        }
        return null;
    }
}
