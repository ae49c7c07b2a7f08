package dev.yubin.mta.smtp;

import dev.yubin.core.smtp.SmtpReply;

/** Replies our replacement commands need that mail-core's {@link SmtpReply} does not have (yet). */
final class MtaReplies {

    static final SmtpReply NEED_MAIL = new SmtpReply(503, "5.5.1", "Error: need MAIL command");
    static final SmtpReply NEED_RCPT = new SmtpReply(503, "5.5.1", "Error: need RCPT command");
    static final SmtpReply EHLO_SYNTAX = new SmtpReply(501, "5.5.4", "Syntax: EHLO hostname");

    private MtaReplies() {}
}
