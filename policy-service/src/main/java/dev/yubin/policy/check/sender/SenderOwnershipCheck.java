package dev.yubin.policy.check.sender;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.check.Submitter;
import dev.yubin.policy.decision.Check;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.policy.directory.Directory;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * MAIL of an authenticated submission: the envelope sender must be an address the account owns
 * (its own, or an alias that reaches it), else 553 5.7.1. The null sender {@code <>} is for
 * bounces, which users do not submit: 553 5.7.1 too. Without {@code saslUsername} (the MTA's
 * inbound path) this check does not apply.
 */
@Component
@Order(100)
class SenderOwnershipCheck implements Check {

    private final Directory directory;

    SenderOwnershipCheck(Directory directory) {
        this.directory = directory;
    }

    @Override
    public String name() {
        return "sender-ownership";
    }

    @Override
    public Stage stage() {
        return Stage.MAIL;
    }

    /** Submissions only: the MTA's inbound path has no {@code saslUsername}. */
    @Override
    public boolean appliesTo(PolicyRequest request) {
        return Submitter.isAuthenticated(request);
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        ReversePath sender;
        try {
            sender = ReversePath.parse(request.sender() == null ? "<>" : request.sender().strip());
        } catch (AddressException e) {
            return Verdict.reject(SmtpReply.BAD_SENDER_SYNTAX,
                    "sender <" + request.sender() + "> is not an address: " + e.getMessage());
        }
        if (sender.isNull()) {
            return Verdict.reject(SmtpReply.SENDER_NOT_OWNED,
                    "null sender <> from authenticated user " + request.saslUsername() + ": bounces are not submitted");
        }
        Optional<String> account = Submitter.accountKey(request);
        if (account.isEmpty()) {
            return Verdict.reject(SmtpReply.SENDER_NOT_OWNED,
                    "authenticated user " + request.saslUsername() + " is not an address and owns no sender");
        }
        Directory.Ownership ownership = directory.ownership(account.get(), sender.mailbox().orElseThrow());
        return ownership.owned()
                ? Verdict.dunno(account.get() + " may send as " + sender.address() + ": " + ownership.reason())
                : Verdict.reject(SmtpReply.SENDER_NOT_OWNED,
                        account.get() + " may not send as " + sender.address() + ": " + ownership.reason());
    }
}
