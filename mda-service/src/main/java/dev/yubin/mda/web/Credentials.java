package dev.yubin.mda.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** What an {@code Authorization} header carries: a bearer token (RFC 6750) or Basic (RFC 7617). */
sealed interface Credentials {

    record Bearer(String token) implements Credentials {
        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }

    record Basic(String username, String password) implements Credentials {
        @Override
        public String toString() {
            return "Basic[" + username + ", ***]";
        }
    }

    /** Empty for a missing, unknown-scheme or undecodable header. */
    static Optional<Credentials> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = value.substring(0, space);
        String parameter = value.substring(space + 1).strip();
        if (parameter.isEmpty()) {
            return Optional.empty();
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            return Optional.of(new Bearer(parameter));
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            return basic(parameter);
        }
        return Optional.empty();
    }

    private static Optional<Credentials> basic(String token) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':'); // a user-id may not contain one, a password may
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
