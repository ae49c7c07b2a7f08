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
 * DATA of an authenticated submission: counts the message against the account's
 * messages-per-hour limit; over it, 450 4.7.1 and the message is not counted (a client that
 * retries does not dig itself deeper). Ordered last among the DATA checks, so that a message
 * another check refuses is not counted. The MTA's inbound path (no {@code saslUsername}) is not counted.
 */
@Component
@Order(900)
class MessageRateCheck implements Check {

    static final SmtpReply RATE_EXCEEDED = new SmtpReply(450, "4.7.1", "Message rate limit exceeded, try later");

    private final Directory directory;
    private final SubmissionProperties defaults;
    private final MessageCounter counter;

    MessageRateCheck(Directory directory, SubmissionProperties defaults, MessageCounter counter) {
        this.directory = directory;
        this.defaults = defaults;
        this.counter = counter;
    }

    @Override
    public String name() {
        return "message-rate";
    }

    @Override
    public Stage stage() {
        return Stage.DATA;
    }

    /** Submissions only: the MTA's inbound path has no {@code saslUsername}. */
    @Override
    public boolean appliesTo(PolicyRequest request) {
        return Submitter.isAuthenticated(request);
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        String account = Submitter.accountKey(request).orElse(request.saslUsername().strip());
        Integer own = directory.limitsOf(account).orElse(AccountLimits.DEFAULTS).maxMessagesPerHour();
        int limit = own != null ? own : defaults.maxMessagesPerHour();
        MessageCounter.Result result = counter.count(account, limit);
        String state = account + ": " + result.current() + " messages this hour and " + result.carried()
                + " carried from the last one, " + (own != null ? "account limit " : "default limit ") + limit
                + " per hour";
        return result.counted()
                ? Verdict.dunno(state)
                : Verdict.tempfail(RATE_EXCEEDED, "over the limit: " + state);
    }
}
