package dev.yubin.msa.submission;

import dev.yubin.core.smtp.SmtpReply;

/** A reply, and whether the connection is to be closed after it (a policy DROP). */
public record Answer(SmtpReply reply, boolean drop) {

    public static Answer of(SmtpReply reply) {
        return new Answer(reply, false);
    }

    public boolean isPositive() {
        return reply.isPositive();
    }
}
