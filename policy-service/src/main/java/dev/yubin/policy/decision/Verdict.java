package dev.yubin.policy.decision;

import dev.yubin.core.policy.Action;
import dev.yubin.core.policy.ResolvedRecipient;
import dev.yubin.core.smtp.SmtpReply;
import java.util.List;
import java.util.Objects;

/**
 * What one check concluded. {@code reply} is what the client is told (null for DUNNO);
 * {@code reason} is the full story, kept for the decision log only. {@code folder} is where an
 * accepted message is filed when not in the INBOX (null: the INBOX).
 */
public record Verdict(Action action, SmtpReply reply, String reason, List<ResolvedRecipient> recipients,
                      String folder) {

    public Verdict(Action action, SmtpReply reply, String reason, List<ResolvedRecipient> recipients) {
        this(action, reply, reason, recipients, null);
    }

    public Verdict {
        Objects.requireNonNull(action, "action");
        if (action != Action.DUNNO) {
            Objects.requireNonNull(reply, "a decisive verdict needs a reply");
        }
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    public static Verdict dunno(String reason) {
        return new Verdict(Action.DUNNO, null, reason, List.of());
    }

    public static Verdict accept(SmtpReply reply, String reason, List<ResolvedRecipient> recipients) {
        return new Verdict(Action.ACCEPT, reply, reason, recipients);
    }

    /** Accept the message, but file it in {@code folder} (e.g. Junk) instead of the INBOX. */
    public static Verdict acceptInto(String folder, SmtpReply reply, String reason) {
        return new Verdict(Action.ACCEPT, reply, reason, List.of(), Objects.requireNonNull(folder, "folder"));
    }

    public static Verdict reject(SmtpReply reply, String reason) {
        return new Verdict(Action.REJECT, reply, reason, List.of());
    }

    public static Verdict tempfail(SmtpReply reply, String reason) {
        return new Verdict(Action.TEMPFAIL, reply, reason, List.of());
    }

    /** Refuse and close the connection: the listener sends {@code reply} (or nothing) and hangs up. */
    public static Verdict drop(SmtpReply reply, String reason) {
        return new Verdict(Action.DROP, reply, reason, List.of());
    }

    public boolean isDecisive() {
        return action != Action.DUNNO;
    }
}
