package dev.yubin.policy.check.recipient;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.check.Submitter;
import dev.yubin.policy.check.suppression.SuppressionList;
import dev.yubin.policy.decision.Check;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.policy.directory.Directory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * RCPT of an authenticated submission to a remote address that hard-bounced before: refused
 * with 550 5.1.1 rather than relayed into another bounce (docs/policy.md says why we refuse
 * rather than warn). Before {@link RelayCheck}, which would accept it; local recipients are
 * the directory's business, and the inbound path never asks.
 */
@Component
@Order(150)
class SuppressedRecipientCheck implements Check {

    static final SmtpReply PREVIOUSLY_BOUNCED = new SmtpReply(550, "5.1.1", "Recipient address previously bounced");

    private final SuppressionList suppressions;
    private final Directory directory;

    SuppressedRecipientCheck(SuppressionList suppressions, Directory directory) {
        this.suppressions = suppressions;
        this.directory = directory;
    }

    @Override
    public String name() {
        return "suppression";
    }

    @Override
    public Stage stage() {
        return Stage.RCPT;
    }

    @Override
    public boolean appliesTo(PolicyRequest request) {
        return Submitter.isAuthenticated(request);
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        MailAddress recipient;
        try {
            recipient = RecipientPaths.parse(request.recipient());
        } catch (AddressException e) {
            return Verdict.dunno("recipient is not a mailbox");
        }
        if (directory.isLocalDomain(recipient.domain())) {
            return Verdict.dunno(recipient.domain() + " is a local domain");
        }
        return suppressions.find(recipient)
                .map(entry -> Verdict.reject(PREVIOUSLY_BOUNCED, recipient.key() + " is suppressed since "
                        + entry.createdAt() + ", last bounce " + entry.updatedAt()
                        + (entry.reason() == null ? "" : ": " + entry.reason())))
                .orElseGet(() -> Verdict.dunno(recipient.key() + " is not suppressed"));
    }
}
