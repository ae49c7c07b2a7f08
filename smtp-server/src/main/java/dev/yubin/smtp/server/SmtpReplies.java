package dev.yubin.smtp.server;

import dev.yubin.core.smtp.SmtpReply;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;

/**
 * Turns our {@link SmtpReply} into what SubEthaSMTP answers with. SubEthaSMTP writes the code
 * itself, so the text it is given starts with the enhanced code.
 */
public final class SmtpReplies {

    private SmtpReplies() {}

    /** The exception a message handler throws to answer with {@code reply}. */
    public static RejectException reject(SmtpReply reply) {
        return new RejectException(reply.code(), textOf(reply));
    }

    /** Like {@link #reject}, and the connection is closed after the reply. */
    public static DropConnectionException drop(SmtpReply reply) {
        return new DropConnectionException(reply.code(), textOf(reply));
    }

    /** {@code 5.1.1 Recipient ...}: the reply without its code. */
    public static String textOf(SmtpReply reply) {
        return reply.enhanced() + " " + reply.text();
    }
}
