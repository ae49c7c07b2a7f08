package dev.yubin.policy.check.dmarc;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A DMARC policy record (RFC 7489 §6.3): the TXT record at {@code _dmarc.DOMAIN}.
 *
 * @param policy           {@code p=}: what the domain owner asks for mail that fails
 * @param subdomainPolicy  {@code sp=}: the same for subdomains found through the organizational
 *                         domain; {@code p=} when absent
 * @param dkimAlignment    {@code adkim=} (default relaxed)
 * @param spfAlignment     {@code aspf=} (default relaxed)
 * @param percent          {@code pct=}: the share of failing mail the policy applies to (default 100)
 */
record DmarcRecord(Disposition policy, Disposition subdomainPolicy, Alignment dkimAlignment,
                   Alignment spfAlignment, int percent) {

    /** The {@code p=} and {@code sp=} values, from the mildest. */
    enum Disposition {
        NONE, QUARANTINE, REJECT;

        static Disposition of(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "quarantine" -> QUARANTINE;
                case "reject" -> REJECT;
                default -> null;
            };
        }

        /** The next milder one (RFC 7489 §6.6.4), for mail that {@code pct=} leaves out. */
        Disposition milder() {
            return this == REJECT ? QUARANTINE : NONE;
        }

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A record that claims to be DMARC but is unusable: a permerror. */
    static final class InvalidRecordException extends Exception {
        InvalidRecordException(String message) {
            super(message);
        }
    }

    /**
     * Whether a TXT record is a DMARC record at all: its first tag is {@code v=DMARC1} (exactly
     * that value, RFC 7489 §6.4). Others at the same name are ignored.
     */
    static boolean isDmarc(String txt) {
        int semicolon = txt.indexOf(';');
        String first = (semicolon < 0 ? txt : txt.substring(0, semicolon)).strip();
        int equals = first.indexOf('=');
        return equals > 0 && first.substring(0, equals).strip().equalsIgnoreCase("v")
                && first.substring(equals + 1).strip().equals("DMARC1");
    }

    /**
     * Parses a record that {@link #isDmarc} accepted. Unknown tags are ignored, and so are bad
     * values of optional tags (their defaults apply, RFC 7489 §6.3); without a valid {@code p=}
     * the record is only usable when it asks for reports ({@code rua=}), as {@code p=none} (§6.6.3).
     *
     * @throws InvalidRecordException when there is no usable policy in it
     */
    static DmarcRecord parse(String txt) throws InvalidRecordException {
        if (!isDmarc(txt)) {
            throw new InvalidRecordException("not a DMARC1 record: " + txt);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : txt.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                tags.putIfAbsent(part.substring(0, equals).strip().toLowerCase(Locale.ROOT),
                        part.substring(equals + 1).strip());
            } else if (!part.isBlank()) {
                throw new InvalidRecordException("malformed tag '" + part.strip() + "'");
            }
        }
        Disposition policy = tags.containsKey("p") ? Disposition.of(tags.get("p")) : null;
        if (policy == null) {
            if (!tags.containsKey("rua")) {
                throw new InvalidRecordException(tags.containsKey("p")
                        ? "invalid p=" + tags.get("p") : "no p= tag");
            }
            policy = Disposition.NONE;
        }
        Disposition subdomainPolicy = tags.containsKey("sp") ? Disposition.of(tags.get("sp")) : null;
        return new DmarcRecord(policy, subdomainPolicy == null ? policy : subdomainPolicy,
                alignment(tags.get("adkim")), alignment(tags.get("aspf")), percent(tags.get("pct")));
    }

    private static Alignment alignment(String value) {
        Alignment alignment = value == null ? null : Alignment.of(value);
        return alignment == null ? Alignment.RELAXED : alignment;
    }

    private static int percent(String value) {
        if (value == null) {
            return 100;
        }
        try {
            int pct = Integer.parseInt(value);
            return pct >= 0 && pct <= 100 ? pct : 100;
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
