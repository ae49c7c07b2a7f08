package dev.yubin.policy.check.recipient;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.decision.Check;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.policy.directory.Directory;
import dev.yubin.policy.directory.Expansion;
import java.util.stream.Collectors;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * RCPT in a local domain: accepted when it reaches at least one mailbox or remote address
 * (through aliases), else 550 5.1.1. A path that is no mailbox is 553 5.1.3. Other domains are
 * left to {@link RelayCheck}.
 */
@Component
@Order(100)
class LocalRecipientCheck implements Check {

    private final Directory directory;

    LocalRecipientCheck(Directory directory) {
        this.directory = directory;
    }

    @Override
    public String name() {
        return "recipient";
    }

    @Override
    public Stage stage() {
        return Stage.RCPT;
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        MailAddress recipient;
        try {
            recipient = RecipientPaths.parse(request.recipient());
        } catch (AddressException e) {
            return Verdict.reject(SmtpReply.BAD_RECIPIENT_SYNTAX,
                    "recipient <" + request.recipient() + "> is not a mailbox: " + e.getMessage());
        }
        if (!directory.isLocalDomain(recipient.domain())) {
            return Verdict.dunno(recipient.domain() + " is not a local domain");
        }
        Expansion expansion = directory.resolve(recipient);
        String notes = expansion.notes().isEmpty() ? "" : " (" + String.join("; ", expansion.notes()) + ")";
        if (expansion.leadsNowhere()) {
            return Verdict.reject(SmtpReply.UNKNOWN_USER, "no account or alias reaches " + recipient.key() + notes);
        }
        String targets = expansion.recipients().stream()
                .map(r -> r.address() + (r.local() ? " (mailbox)" : " (remote)"))
                .collect(Collectors.joining(", "));
        return Verdict.accept(SmtpReply.RECIPIENT_OK, recipient.key() + " delivers to " + targets + notes,
                expansion.recipients());
    }
}
