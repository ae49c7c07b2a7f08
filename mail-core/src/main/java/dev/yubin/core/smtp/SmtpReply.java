package dev.yubin.core.smtp;

/**
 * An SMTP reply with its RFC 3463 enhanced status code: the one place where reply codes live
 * (CONTRACT §7). Our own failures are 4xx; only a definite refusal is 5xx.
 */
public record SmtpReply(int code, String enhanced, String text) {

    public static final SmtpReply OK = new SmtpReply(250, "2.0.0", "Ok");
    public static final SmtpReply RECIPIENT_OK = new SmtpReply(250, "2.1.5", "Ok");
    public static final SmtpReply SENDER_OK = new SmtpReply(250, "2.1.0", "Ok");
    public static final SmtpReply UNKNOWN_USER = new SmtpReply(550, "5.1.1", "Recipient address rejected: user unknown");
    public static final SmtpReply RELAY_DENIED = new SmtpReply(554, "5.7.1", "Relay access denied");
    public static final SmtpReply BAD_SENDER_SYNTAX = new SmtpReply(553, "5.1.7", "Sender address syntax error");
    public static final SmtpReply BAD_RECIPIENT_SYNTAX = new SmtpReply(553, "5.1.3", "Recipient address syntax error");
    public static final SmtpReply SENDER_NOT_OWNED = new SmtpReply(553, "5.7.1", "Sender address not owned by the authenticated user");
    public static final SmtpReply MESSAGE_TOO_BIG = new SmtpReply(552, "5.3.4", "Message size exceeds fixed limit");
    public static final SmtpReply LINE_TOO_LONG = new SmtpReply(500, "5.5.2", "Line too long");
    public static final SmtpReply BARE_LINE_ENDING = new SmtpReply(550, "5.6.0", "Bare CR or LF in message data; use CRLF");
    public static final SmtpReply TOO_MANY_RECIPIENTS = new SmtpReply(452, "4.5.3", "Too many recipients");
    public static final SmtpReply POLICY_TEMPFAIL = new SmtpReply(451, "4.7.1", "Try again later");
    public static final SmtpReply POLICY_REJECT = new SmtpReply(554, "5.7.1", "Access denied");
    public static final SmtpReply SYSTEM_UNAVAILABLE = new SmtpReply(451, "4.3.0", "Temporary system problem, try again later");
    public static final SmtpReply TOO_MANY_CONNECTIONS = new SmtpReply(421, "4.7.0", "Too many connections, try again later");
    public static final SmtpReply TOO_MANY_ERRORS = new SmtpReply(421, "4.7.0", "Too many errors, closing connection");
    public static final SmtpReply BAD_CREDENTIALS = new SmtpReply(535, "5.7.8", "Authentication credentials invalid");
    public static final SmtpReply AUTH_REQUIRED = new SmtpReply(530, "5.7.0", "Authentication required");

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("not an SMTP reply code: " + code);
        }
        if (enhanced == null || !enhanced.matches("[245]\\.\\d{1,3}\\.\\d{1,3}") || enhanced.charAt(0) != Integer.toString(code).charAt(0)) {
            throw new IllegalArgumentException("enhanced code " + enhanced + " does not fit " + code);
        }
    }

    /** {@code 250 2.0.0 Ok: queued as QUEUEID}: said only after the message is durable. */
    public static SmtpReply queued(String queueId) {
        return new SmtpReply(250, "2.0.0", "Ok: queued as " + queueId);
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanent() {
        return code >= 500;
    }

    /** The reply line as sent, without CRLF: {@code 550 5.1.1 Recipient ...}. */
    @Override
    public String toString() {
        return code + " " + enhanced + " " + text;
    }
}
