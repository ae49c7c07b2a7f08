package dev.yubin.policy.check.dmarc;

import java.util.Locale;

/**
 * Identifier alignment of RFC 7489 §3.1: whether a domain that SPF or DKIM authenticated may
 * stand for the domain of {@code From:}.
 */
enum Alignment {

    /** {@code r}: the same organizational domain ({@code mail.example.org} aligns with {@code example.org}). */
    RELAXED,
    /** {@code s}: exactly the same domain. */
    STRICT;

    /** The tag value ({@code r} or {@code s}); null for anything else. */
    static Alignment of(String tag) {
        return switch (tag.toLowerCase(Locale.ROOT)) {
            case "r" -> RELAXED;
            case "s" -> STRICT;
            default -> null;
        };
    }

    /** Whether {@code authenticated} aligns with {@code fromDomain}; both are compared case-insensitively. */
    boolean aligns(String authenticated, String fromDomain) {
        if (authenticated == null || authenticated.isBlank() || fromDomain == null || fromDomain.isBlank()) {
            return false;
        }
        String a = OrganizationalDomain.normalize(authenticated);
        String b = OrganizationalDomain.normalize(fromDomain);
        if (this == STRICT) {
            return a.equals(b);
        }
        return OrganizationalDomain.of(a).equals(OrganizationalDomain.of(b));
    }

    String tag() {
        return this == STRICT ? "s" : "r";
    }
}
