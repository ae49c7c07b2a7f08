package dev.yubin.policy.check.greylist;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.check.Submitter;
import dev.yubin.policy.decision.Check;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.policy.directory.Directory;
import dev.yubin.policy.net.IpLiterals;
import dev.yubin.policy.net.Networks;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * RCPT of the inbound path, for a recipient that exists here: greylisting (451 4.7.1 until the
 * client retries after the delay). It runs before the recipient check, whose ACCEPT ends the
 * stage, and so asks the directory itself whether the recipient is valid: an unknown recipient
 * is left to the recipient check (550 5.1.1 at once, not after a retry), a foreign one to relay
 * control. Authenticated submissions are never greylisted.
 */
@Component
@Order(90)
class GreylistCheck implements Check {

    static final SmtpReply GREYLISTED = new SmtpReply(451, "4.7.1", "Greylisted, try again later");

    private final GreylistProperties properties;
    private final GreylistStore store;
    private final Directory directory;

    GreylistCheck(GreylistProperties properties, GreylistStore store, Directory directory) {
        this.properties = properties;
        this.store = store;
        this.directory = directory;
    }

    @Override
    public String name() {
        return "greylist";
    }

    @Override
    public Stage stage() {
        return Stage.RCPT;
    }

    @Override
    public boolean judgesReputation() {
        return true;
    }

    @Override
    public boolean appliesTo(PolicyRequest request) {
        return properties.enabled() && !Submitter.isAuthenticated(request);
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        Optional<InetAddress> client = IpLiterals.parse(request.clientAddress());
        if (client.isEmpty()) {
            return Verdict.dunno("no client address");
        }
        MailAddress recipient;
        ReversePath sender;
        try {
            recipient = MailAddress.parse(bare(request.recipient()));
            sender = ReversePath.parse(request.sender() == null ? "<>" : request.sender().strip());
        } catch (AddressException e) {
            return Verdict.dunno("sender or recipient is no address: left to the other checks");
        }
        if (!directory.isLocalDomain(recipient.domain())) {
            return Verdict.dunno(recipient.domain() + " is not a local domain: relay control decides");
        }
        if (directory.resolve(recipient).leadsNowhere()) {
            return Verdict.dunno(recipient.key() + " reaches nobody: the recipient check refuses it");
        }
        Triplet triplet = new Triplet(Networks.networkOf(client.get(), 24, 64),
                sender.address().toLowerCase(Locale.ROOT), recipient.key());
        GreylistStore.Attempt attempt = store.attempt(triplet);
        return attempt.passes() ? Verdict.dunno(attempt.reason()) : Verdict.tempfail(GREYLISTED, attempt.reason());
    }

    private static String bare(String path) {
        String candidate = path == null ? "" : path.strip();
        return candidate.length() >= 2 && candidate.startsWith("<") && candidate.endsWith(">")
                ? candidate.substring(1, candidate.length() - 1)
                : candidate;
    }
}
