package dev.yubin.smtp.server;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.envelope.QueueId;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Our trace header (RFC 5321 §4.4, RFC 3848 protocol names), folded to lines of at most 78
 * characters where its parts allow:
 * <pre>
 * Received: from HELO ([IP]) by HOST (Yubin) with ESMTPS (version=TLSv1.3 cipher=...)
 *         id QUEUEID for &lt;rcpt&gt;; Sat, 28 Nov 2026 14:08:00 +0000
 * </pre>
 * A submission listener may leave out the client's address ({@code from HELO by HOST ...}):
 * a user on the road need not tell every recipient where they are.
 */
public final class ReceivedHeader {

    /** RFC 3848: with or without TLS (S) and SMTP AUTH (A). */
    public enum Protocol {
        ESMTP, ESMTPS, ESMTPA, ESMTPSA;

        static Protocol of(SmtpClient client) {
            boolean tls = client.tls().isPresent();
            boolean auth = client.authenticatedUser().isPresent();
            return tls ? (auth ? ESMTPSA : ESMTPS) : (auth ? ESMTPA : ESMTP);
        }
    }

    static final int MAX_LINE = 78;
    private static final int MAX_HELO = 255;
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private final String hostname;
    private final ZoneId zone;
    private final boolean includeClientAddress;

    /**
     * @param hostname             the name we announce
     * @param zone                 the zone of the date
     * @param includeClientAddress whether the client's IP address is written
     */
    public ReceivedHeader(String hostname, ZoneId zone, boolean includeClientAddress) {
        this.hostname = hostname;
        this.zone = zone;
        this.includeClientAddress = includeClientAddress;
    }

    /**
     * The header with its final CRLF, ready to be put before the message. The protocol is
     * ESMTP, ESMTPS, ESMTPA or ESMTPSA as the client used TLS and AUTH.
     */
    public String format(QueueId queueId, SmtpClient client, Optional<MailAddress> singleRecipient, Instant at) {
        String ip = addressLiteral(client.address());
        String helo = !client.helo().isEmpty() ? sanitize(client.helo()) : includeClientAddress ? ip : "unknown";
        List<List<String>> clauses = new ArrayList<>();
        clauses.add(List.of("Received:"));
        clauses.add(includeClientAddress ? List.of("from", helo, "(" + ip + ")") : List.of("from", helo));
        clauses.add(List.of("by", hostname, "(Yubin)"));
        String protocol = Protocol.of(client).name();
        clauses.add(client.tls()
                .map(tls -> List.of("with", protocol, "(version=" + tls.protocol(), "cipher=" + tls.cipherSuite() + ")"))
                .orElse(List.of("with", protocol)));
        clauses.add(List.of("id", queueId.value()));
        singleRecipient.ifPresent(rcpt -> clauses.add(List.of("for", "<" + rcpt + ">")));
        List<String> last = new ArrayList<>(clauses.remove(clauses.size() - 1));
        last.set(last.size() - 1, last.get(last.size() - 1) + ";");
        clauses.add(last);
        clauses.add(List.of(DATE.format(at.atZone(zone))));
        return fold(clauses);
    }

    /**
     * Keeps each clause on one line when it fits, else breaks between its words; a word longer
     * than a line (a 255-character HELO) stays whole, since it cannot be folded.
     */
    static String fold(List<List<String>> clauses) {
        StringBuilder out = new StringBuilder();
        int length = -1;
        for (List<String> clause : clauses) {
            String joined = String.join(" ", clause);
            if (length >= 0 && length + 1 + joined.length() > MAX_LINE && 1 + joined.length() <= MAX_LINE) {
                out.append("\r\n\t").append(joined);
                length = 1 + joined.length();
                continue;
            }
            for (String word : clause) {
                if (length < 0) {
                    out.append(word);
                    length = word.length();
                } else if (length + 1 + word.length() > MAX_LINE) {
                    out.append("\r\n\t").append(word);
                    length = 1 + word.length();
                } else {
                    out.append(' ').append(word);
                    length += 1 + word.length();
                }
            }
        }
        return out.append("\r\n").toString();
    }

    /** {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}, as RFC 5321 writes address literals. */
    static String addressLiteral(String ip) {
        if (ip.isEmpty()) {
            return "[unknown]";
        }
        int scope = ip.indexOf('%');
        String bare = scope < 0 ? ip : ip.substring(0, scope);
        return bare.indexOf(':') >= 0 ? "[IPv6:" + bare + "]" : "[" + bare + "]";
    }

    /** The HELO is the client's word: it must not end the comment, the header or the line. */
    static String sanitize(String helo) {
        StringBuilder clean = new StringBuilder(Math.min(helo.length(), MAX_HELO));
        for (int i = 0; i < helo.length() && clean.length() < MAX_HELO; i++) {
            char c = helo.charAt(i);
            boolean safe = c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '\\' && c != ';';
            clean.append(safe ? c : '?');
        }
        return clean.toString();
    }
}
