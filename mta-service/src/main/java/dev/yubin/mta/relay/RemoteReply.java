package dev.yubin.mta.relay;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply from a remote server, or one we make up for a failure that has no reply (a refused
 * connection, a timeout). Unlike {@link dev.yubin.core.smtp.SmtpReply} it accepts what remote
 * servers really send: no enhanced code, or one that does not fit.
 *
 * @param code the three-digit code
 * @param text the rest of the reply, lines joined with a space
 */
public record RemoteReply(int code, String text) {

    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    public RemoteReply {
        text = text == null ? "" : text.replaceAll("[\\r\\n\\p{Cntrl}]+", " ").strip();
    }

    static RemoteReply temporary(String enhanced, String text) {
        return new RemoteReply(451, enhanced + " " + text);
    }

    static RemoteReply permanent(int code, String enhanced, String text) {
        return new RemoteReply(code, enhanced + " " + text);
    }

    boolean isPositive() {
        return code >= 200 && code < 400;
    }

    boolean isTransient() {
        return code >= 400 && code < 500;
    }

    boolean isPermanent() {
        return code >= 500;
    }

    /** The RFC 3463 status for a DSN: the reply's own when it fits its class, else X.0.0. */
    String status() {
        Matcher m = ENHANCED.matcher(text);
        char klass = Integer.toString(code).charAt(0);
        if (m.find() && m.group(1).charAt(0) == klass) {
            return m.group(1) + "." + m.group(2) + "." + m.group(3);
        }
        return klass + ".0.0";
    }

    @Override
    public String toString() {
        return text.isEmpty() ? Integer.toString(code) : code + " " + text;
    }
}
