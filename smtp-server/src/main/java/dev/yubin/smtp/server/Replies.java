package dev.yubin.smtp.server;

import dev.yubin.core.smtp.SmtpReply;

/** Replies of our replacement commands that mail-core's {@link SmtpReply} does not have. */
final class Replies {

    static final SmtpReply NEED_MAIL = new SmtpReply(503, "5.5.1", "Error: need MAIL command");
    static final SmtpReply NEED_RCPT = new SmtpReply(503, "5.5.1", "Error: need RCPT command");
    static final SmtpReply EHLO_SYNTAX = new SmtpReply(501, "5.5.4", "Syntax: EHLO hostname");
    static final SmtpReply HELO_SYNTAX = new SmtpReply(501, "5.5.4", "Syntax: HELO hostname");
    /** A client that talked before our greeting (RFC 5321 §4.3.1: it must wait for it). */
    /** Our failure before the greeting: 421, as the connection is closed after it. */
    static final SmtpReply UNAVAILABLE_CLOSING = new SmtpReply(421, "4.3.0", SmtpReply.SYSTEM_UNAVAILABLE.text());
    static final SmtpReply EARLY_TALKER = new SmtpReply(521, "5.5.1", "Protocol error");
    static final SmtpReply STARTTLS_FIRST = new SmtpReply(530, "5.7.0", "Must issue a STARTTLS command first");
    /** RFC 4954 §6: AUTH over a connection that is not encrypted. */
    static final SmtpReply ENCRYPTION_REQUIRED =
            new SmtpReply(538, "5.7.11", "Encryption required for requested authentication mechanism");
    static final SmtpReply AUTH_UNREADABLE = new SmtpReply(501, "5.5.2", "Cannot decode the authentication response");

    private Replies() {}
}
