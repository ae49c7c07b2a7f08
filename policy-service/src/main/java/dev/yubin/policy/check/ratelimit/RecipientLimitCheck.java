package dev.yubin.policy.check.ratelimit;

import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.check.Submitter;
import dev.yubin.policy.decision.Check;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.policy.directory.AccountLimits;
import dev.yubin.policy.directory.Directory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * RCPT of an authenticated submission: the transaction's {@code recipientCount} (this one
 * included) may not exceed the account's recipients-per-message limit, else 452 4.5.3 — the
 * client sends the rest in another transaction (RFC 5321 §4.5.3.1.10). Runs before the
 * recipient checks, which decide; the MTA's inbound path (no {@code saslUsername}) is not limited here.
 */
@Component
@Order(50)
class RecipientLimitCheck implements Check {

    private final Directory directory;
    private final SubmissionProperties defaults;

    RecipientLimitCheck(Directory directory, SubmissionProperties defaults) {
        this.directory = directory;
        this.defaults = defaults;
    }

    @Override
    public String name() {
        return "recipient-limit";
    }

    @Override
    public Stage stage() {
        return Stage.RCPT;
    }

    /** Submissions only: the MTA's inbound path has no {@code saslUsername}. */
    @Override
    public boolean appliesTo(PolicyRequest request) {
        return Submitter.isAuthenticated(request);
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        if (request.recipientCount() == null) {
            return Verdict.dunno("no recipient count given");
        }
        String account = Submitter.accountKey(request).orElse(request.saslUsername().strip());
        Integer own = directory.limitsOf(account).orElse(AccountLimits.DEFAULTS).maxRecipientsPerMessage();
        int limit = own != null ? own : defaults.maxRecipientsPerMessage();
        String source = own != null ? "account limit" : "default limit";
        if (request.recipientCount() > limit) {
            return Verdict.tempfail(SmtpReply.TOO_MANY_RECIPIENTS, account + ": recipient " + request.recipientCount()
                    + " of this message is over the " + source + " of " + limit);
        }
        return Verdict.dunno(account + ": recipient " + request.recipientCount() + " of at most " + limit
                + " (" + source + ")");
    }
}
