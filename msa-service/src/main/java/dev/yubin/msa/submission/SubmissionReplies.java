package dev.yubin.msa.submission;

import dev.yubin.core.smtp.SmtpReply;

/** Replies of the submission service that mail-core's {@link SmtpReply} does not have. */
final class SubmissionReplies {

    /** No single From: mailbox to check ownership of (CONTRACT §7: like a From not owned). */
    static final SmtpReply FROM_INVALID =
            new SmtpReply(550, "5.7.1", "From header missing or not a single address");
    /** The policy service throttles this client or account, or cannot be asked (RFC 4954 §6). */
    static final SmtpReply AUTH_TEMPORARY_FAILURE = new SmtpReply(454, "4.7.0", "Temporary authentication failure");

    private SubmissionReplies() {}
}
