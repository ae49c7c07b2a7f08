package dev.yubin.policy.check.sender;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
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
 * DATA of an authenticated submission: the address of the {@code From:} header must be one the
 * account owns, as for MAIL FROM, else 550 5.7.1 — the header is what the recipient sees, and
 * what DKIM will vouch for. Without {@code saslUsername} it does not apply; without
 * {@code headerFrom} it has no opinion. Ordered before the message counter, so that a refused
 * message does not use up the hourly quota.
 */
@Component
@Order(100)
class HeaderFromOwnershipCheck implements Check {

    static final SmtpReply FROM_NOT_OWNED =
            new SmtpReply(550, "5.7.1", "From header address not owned by the authenticated user");

    private final Directory directory;

    HeaderFromOwnershipCheck(Directory directory) {
        this.directory = directory;
    }

    @Override
    public String name() {
        return "from-ownership";
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
        if (request.headerFrom() == null || request.headerFrom().isBlank()) {
            return Verdict.dunno("no From: address given");
        }
        MailAddress from;
        try {
            from = MailAddress.parse(bare(request.headerFrom()));
        } catch (AddressException e) {
            return Verdict.reject(FROM_NOT_OWNED,
                    "From: address '" + request.headerFrom() + "' cannot be checked: " + e.getMessage());
        }
        Optional<String> account = Submitter.accountKey(request);
        if (account.isEmpty()) {
            return Verdict.reject(FROM_NOT_OWNED,
                    "authenticated user " + request.saslUsername() + " is not an address and owns no sender");
        }
        Directory.Ownership ownership = directory.ownership(account.get(), from);
        return ownership.owned()
                ? Verdict.dunno(account.get() + " may write From: " + from + ": " + ownership.reason())
                : Verdict.reject(FROM_NOT_OWNED, account.get() + " may not write From: " + from + ": "
                        + ownership.reason());
    }

    /** The address alone: listeners send it bare, but a {@code Name <addr>} form costs nothing to accept. */
    private static String bare(String headerFrom) {
        String value = headerFrom.strip();
        int open = value.lastIndexOf('<');
        int close = value.lastIndexOf('>');
        return open >= 0 && close > open ? value.substring(open + 1, close).strip() : value;
    }
}
