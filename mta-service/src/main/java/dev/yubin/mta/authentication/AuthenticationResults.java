package dev.yubin.mta.authentication;

import dev.yubin.core.policy.DkimResult;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code Authentication-Results:} field of RFC 8601 that this MTA writes into every message
 * it stores, under its authserv-id ({@code yubin.mta.hostname}), and the removal of fields that
 * arrive claiming that id (RFC 8601 §5): only we may speak in our name, or a sender could forge
 * a {@code dkim=pass} that mail programs and filters behind us would believe.
 */
final class AuthenticationResults {

    static final String FIELD = "Authentication-Results";

    /** What may stand unquoted as a property value: an RFC 2045 token or local-part@domain. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9!#$%&'*+^_`{|}~.-]+(@[A-Za-z0-9.-]+)?");

    private final String authservId;

    AuthenticationResults(String authservId) {
        this.authservId = authservId;
    }

    /**
     * The field, folded one method per line, with its final CRLF:
     * <pre>
     * Authentication-Results: mx.example.net;
     * 	spf=pass smtp.mailfrom=a@example.org;
     * 	dkim=pass header.d=example.org header.s=sel1;
     * 	dmarc=pass (p=reject) header.from=example.org
     * </pre>
     */
    String format(SpfOutcome spf, List<DkimResult> dkim, DmarcOutcome dmarc, String fromDomain) {
        StringBuilder field = new StringBuilder(FIELD).append(": ").append(authservId);
        StringBuilder spfPart = new StringBuilder("spf=").append(spf.result());
        if (spf.identity() != null) {
            spfPart.append(" smtp.").append(spf.property()).append('=').append(value(spf.identity()));
        }
        append(field, spfPart.toString());
        if (dkim.isEmpty()) {
            append(field, "dkim=none");
        }
        for (DkimResult signature : dkim) {
            StringBuilder part = new StringBuilder("dkim=").append(signature.result());
            if (signature.domain() != null && !signature.domain().isBlank()) {
                part.append(" header.d=").append(value(signature.domain()));
            }
            if (signature.selector() != null && !signature.selector().isBlank()) {
                part.append(" header.s=").append(value(signature.selector()));
            }
            append(field, part.toString());
        }
        StringBuilder dmarcPart = new StringBuilder("dmarc=").append(dmarc.result());
        if (dmarc.comment() != null) {
            dmarcPart.append(" (").append(dmarc.comment()).append(')');
        }
        String from = dmarc.headerFrom() != null ? dmarc.headerFrom() : fromDomain;
        if (from != null && !from.isBlank()) {
            dmarcPart.append(" header.from=").append(value(from));
        }
        append(field, dmarcPart.toString());
        return field.append("\r\n").toString();
    }

    /** The message without the Authentication-Results fields that claim our authserv-id. */
    byte[] stripOurs(byte[] message) {
        return stripOurs(HeaderSection.of(message));
    }

    /** The same, from the message's header section the caller has already found. */
    byte[] stripOurs(HeaderSection headers) {
        return headers.without(field -> field.named(FIELD)
                && authservId(headers.value(field)).filter(id -> id.equalsIgnoreCase(authservId)).isPresent());
    }

    /** The authserv-id of a field's value: the first word, after any comments, before ';' or a blank. */
    static Optional<String> authservId(String value) {
        String rest = value;
        while (true) {
            rest = rest.stripLeading();
            if (!rest.startsWith("(")) {
                break;
            }
            int depth = 0;
            int i = 0;
            for (; i < rest.length(); i++) {
                char c = rest.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    break;
                }
            }
            rest = i + 1 < rest.length() ? rest.substring(i + 1) : "";
        }
        if (rest.startsWith("\"")) {
            int close = rest.indexOf('"', 1);
            return close > 0 ? Optional.of(rest.substring(1, close)) : Optional.empty();
        }
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != ';' && rest.charAt(end) != '(' && !Character.isWhitespace(rest.charAt(end))) {
            end++;
        }
        return end == 0 ? Optional.empty() : Optional.of(rest.substring(0, end).toLowerCase(Locale.ROOT));
    }

    private static void append(StringBuilder field, String part) {
        field.append(";\r\n\t").append(part);
    }

    /** A property value: as it is when it is a token or an address, else a quoted string. */
    static String value(String text) {
        String clean = text.replaceAll("[\\p{Cntrl}]", "");
        if (PLAIN_VALUE.matcher(clean).matches()) {
            return clean;
        }
        return '"' + clean.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
